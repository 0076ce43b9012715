package io.tandem.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The REST calls that set a benchmark session up and tear it down, over the harness' one HttpClient. */
final class BenchApi {

    /** A session ready for the relay: its id, its advisor's token and the customer's credential. */
    record Ready(String sessionId, String advisorToken, String customerCredential) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final URI base;

    BenchApi(HttpClient http, URI base) {
        this.http = http;
        this.base = base;
    }

    /** Creates a session for a new customer, redeems its code and consents: the session is ACTIVE. */
    Ready open(String advisorToken, String customerName) throws IOException, InterruptedException {
        JsonNode created = post("/api/sessions", "Bearer " + advisorToken,
                Map.of("customer", Map.of("name", customerName), "purpose", "relay benchmark"), 201);
        String id = created.path("id").asText();
        JsonNode joined = post("/api/join", null, Map.of("code", created.path("code").asText()), 200);
        JsonNode admitted = post("/api/join/consent", null, Map.of("ticket", joined.path("ticket").asText(),
                "accept", true), 200);
        return new Ready(id, advisorToken, admitted.path("credential").asText());
    }

    /** Ends the session (its room closes every connection with 4409). */
    void end(Ready session) throws IOException, InterruptedException {
        post("/api/sessions/" + session.sessionId() + "/end", "Bearer " + session.advisorToken(),
                Map.of("outcome", "resolved", "notes", "relay benchmark"), 200);
    }

    private JsonNode post(String path, String authorization, Object body, int expected) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IOException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}

package io.tandem.api;

import static io.tandem.testing.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.tandem.testing.TestPorts;
import io.tandem.testing.TestTokens;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Errors at the edges of the HTTP layer still come back as problem+json, and nothing internal leaks. */
@QuarkusTest
class HttpEdgesTest {

    private static final String ADVISOR1 = TestTokens.advisor1();

    @TestHTTPResource("/api/customers")
    URI customers;

    @Test
    void declaredOversizedBodyIs413Problem() {
        String big = "{\"name\":\"" + "x".repeat(70_000) + "\"}";
        as(ADVISOR1).body(big).post("/api/customers").then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:tandem:problem:payload-too-large"));
        as(ADVISOR1).body(Map.of("name", "After The Big One")).post("/api/customers").then().statusCode(201);
    }

    @Test
    void streamedOversizedBodyIsRefusedWithout5xx() throws Exception {
        byte[] big = ("{\"name\":\"" + "x".repeat(2_000_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(customers)
                .header("Authorization", "Bearer " + ADVISOR1)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build();
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException closed) {
            return; // the server may close the connection while the body is still streaming: refused, as required
        }
        assertEquals(413, response.statusCode(), response.body());
        assertFalse(response.body().contains("Exception"), response.body());
    }

    @Test
    void malformedJsonIsProblemWithoutParserDetails() {
        as(ADVISOR1).body("{\"name\": \"unterminated").post("/api/customers").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:tandem:problem:malformed-request"))
                .body("detail", not(containsString("line:")))
                .body(not(containsString("com.fasterxml")));
        as(ADVISOR1).body("{\"name\": \"\\ud800\"}").post("/api/customers").then().statusCode(
                org.hamcrest.Matchers.lessThan(500));
        StringBuilder deep = new StringBuilder();
        deep.append("[".repeat(5000)).append("]".repeat(5000));
        as(ADVISOR1).body("{\"name\": " + deep + "}").post("/api/customers").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void invalidUtf8IsRejectedCleanly() {
        byte[] body = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        as(ADVISOR1).body(body).post("/api/customers").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void wrongContentTypeAndMethodAreProblems() {
        RestAssured.given().auth().oauth2(ADVISOR1).contentType("text/plain").body("name=x").post("/api/customers")
                .then().statusCode(415).contentType("application/problem+json");
        as(ADVISOR1).delete("/api/customers").then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    void everyJsonEndpointAnswersMalformedAndOversizedBodiesWithProblems() {
        String session = io.tandem.testing.Api.newSession(ADVISOR1, "Edge Eli").getString("id");
        String big = "{\"notes\":\"" + "x".repeat(70_000) + "\"}";
        for (String path : new String[]{"/api/sessions", "/api/sessions/" + session + "/end", "/api/join",
                "/api/join/consent", "/api/customers"}) {
            as(ADVISOR1).body("{not json").post(path).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:tandem:problem:malformed-request"));
            as(ADVISOR1).body(big).post(path).then().statusCode(413).contentType("application/problem+json");
            as(ADVISOR1).body("{\"unexpected\": 1}").post(path).then().statusCode(400)
                    .contentType("application/problem+json");
        }
        as(ADVISOR1).get("/api/sessions/" + session).then().statusCode(200).body("status", equalTo("CREATED"));
    }

    @Test
    void openApiDescribesTheApi() {
        RestAssured.given().port(TestPorts.management()).accept("application/json").get("/q/openapi").then()
                .statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/sessions"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/join"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/customers/{id}/timeline"));
    }

    @Test
    void healthIsUp() {
        RestAssured.given().port(TestPorts.management()).get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP")).body(containsString("Database connections health check"));
        String metrics = RestAssured.given().port(TestPorts.management()).get("/q/metrics").then().statusCode(200)
                .extract().asString();
        assertTrue(metrics.contains("http_server_requests"), "prometheus metrics are exposed");
    }

    @Test
    void healthMetricsAndOpenApiAreNotOnThePublicPort() {
        // the Ingress exposes the public port only: operations data stays on the management port (issue 19 item 9)
        for (String path : new String[]{"/q/metrics", "/q/openapi", "/q/health", "/q/health/ready", "/q/dev-ui"}) {
            int status = RestAssured.given().redirects().follow(false).get(path).then().extract().statusCode();
            assertEquals(404, status, path + " answered " + status + " on the public port");
        }
    }
}

package io.tandem.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.signaling.room.Role;
import io.tandem.signaling.socket.SignalUpgrade;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SignalingServerTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
    private SignalingHarness harness;
    private SignalingServer server;
    private WebSocketClient webSockets;

    @BeforeEach
    void start() {
        harness = new SignalingHarness(new SignalingConfig(0, Duration.ofSeconds(30), 64 * 1024));
        server = harness.server;
        webSockets = harness.client;
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void bindsAnEphemeralPortWhenAskedForZero() {
        assertTrue(server.port() > 0, "port " + server.port());
    }

    @Test
    void healthzAnswersUpWithNoRooms() throws Exception {
        HttpResponse<String> response = get("/healthz");

        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode body = new ObjectMapper().readTree(response.body());
        assertEquals("UP", body.path("status").asText());
        assertEquals(0, body.path("rooms").asInt(-1));
        assertEquals("{\"status\":\"UP\",\"rooms\":0}", response.body());
    }

    @Test
    void healthzCountsRoomsWithPeersAndDropsEmptiedOnes() throws Exception {
        SignalClient advisor = harness.joined("room-1", "advisor-1", Role.ADVISOR);
        SignalClient customer = harness.joined("room-1", "customer", Role.CUSTOMER);
        SignalClient other = harness.joined("room-2", "advisor-2", Role.ADVISOR);

        assertEquals("{\"status\":\"UP\",\"rooms\":2}", get("/healthz").body());
        assertEquals(2, server.rooms());

        advisor.close();
        customer.next("peer-left");
        assertEquals(2, server.rooms(), "room-1 still has its customer");
        customer.close();
        other.close();
        awaitRooms(0);
        assertEquals("{\"status\":\"UP\",\"rooms\":0}", get("/healthz").body());
    }

    @Test
    void healthzRefusesOtherMethodsWith405() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri("http", "/healthz")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(405, response.statusCode());
        assertEquals("GET", response.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void unknownPathIs404() throws Exception {
        assertEquals(404, get("/nope").statusCode());
        assertEquals(404, get("/healthz/extra").statusCode());
        assertEquals(404, get("/signal/room-1").statusCode(), "a plain GET on the WebSocket path is no upgrade");
    }

    @Test
    void doesNotAdvertiseTheJettyVersion() throws Exception {
        assertTrue(get("/healthz").headers().firstValue("Server").isEmpty());
    }

    @Test
    void refusesAnUpgradeWithoutTokenWith401() {
        assertEquals(401, upgradeStatus("/signal/room-1"));
        assertEquals(401, harness.refusedStatus("room-1", SignalUpgrade.PROTOCOL));
    }

    @Test
    void ignoresATokenInTheUrlBecauseUrlsEndUpInAccessLogs() {
        String token = harness.tokens.mint("room-1", "advisor-1", Role.ADVISOR);

        assertEquals(401, upgradeStatus("/signal/room-1?token=" + token));
        assertEquals(401, upgradeStatus("/signal/room-1?access_token=" + token));
    }

    @Test
    void refusesAnUpgradeToAnUnknownPathWith404() {
        assertEquals(404, upgradeStatus("/elsewhere"));
        assertEquals(404, upgradeStatus("/signal/room-1/extra"));
        assertEquals(404, upgradeStatus("/signal/"));
    }

    @Test
    void acceptsAValidTokenSelectingTheSignalingSubprotocolAndWelcomes() throws Exception {
        SignalClient advisor = harness.join("room-1", "advisor-1", Role.ADVISOR);

        assertEquals(SignalUpgrade.PROTOCOL, advisor.session.getUpgradeResponse().getAcceptedSubProtocol());
        JsonNode welcome = advisor.next("welcome");
        assertEquals("advisor-1", welcome.path("peerId").asText());
        assertTrue(advisor.isOpen());
    }

    @Test
    void stopClosesOpenSocketsWith1001() {
        SignalClient advisor = harness.joined("room-1", "advisor-1", Role.ADVISOR);
        SignalClient customer = harness.joined("room-1", "customer", Role.CUSTOMER);

        server.stop();

        assertEquals(1001, advisor.awaitClose().code());
        assertEquals(1001, customer.awaitClose().code());
        assertEquals(0, server.rooms());
    }

    @Test
    void stopFreesThePort() throws Exception {
        int port = server.port();

        server.stop();

        assertEquals(-1, server.port());
        assertThrows(ConnectException.class, () -> get(port, "/healthz"));
        try (ServerSocket again = new ServerSocket(port)) {
            assertEquals(port, again.getLocalPort());
        }
    }

    @Test
    void stopIsSafeToRepeat() {
        server.stop();
        server.stop();
        assertEquals(-1, server.port());
    }

    private void awaitRooms(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (server.rooms() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(expected, server.rooms());
    }

    /** The status refusing an upgrade from the harness' (allowed) origin. */
    private int upgradeStatus(String pathAndQuery) {
        ClientUpgradeRequest request = new ClientUpgradeRequest(uri("ws", pathAndQuery));
        request.setHeader("Origin", SignalingHarness.ORIGIN);
        ExecutionException e = assertThrows(ExecutionException.class, () -> webSockets
                .connect(new WebSocketProbe(), request).get(WAIT.toSeconds(), TimeUnit.SECONDS));
        return assertInstanceOf(UpgradeException.class, e.getCause()).getResponseStatusCode();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(server.port(), path);
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String scheme, String pathAndQuery) {
        return URI.create(scheme + "://127.0.0.1:" + server.port() + pathAndQuery);
    }
}

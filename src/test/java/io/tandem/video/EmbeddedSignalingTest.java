package io.tandem.video;

import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.customer;
import static io.tandem.testing.Api.newSession;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.tandem.testing.RelayClient;
import io.tandem.testing.TestPorts;
import io.tandem.testing.TestTokens;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The signaling server embedded in the app: it takes the relay's origin allow-list, and when the app ends a session
 * (REST) the call's sockets close with 4409, new tokens are 410 problem+json and tokens minted before the end are
 * refused at the upgrade with 410. A supervisor who steps back out of the conversation leaves the call (4403), and the
 * media token they had as a participant opens no call until they step in again.
 */
@QuarkusTest
class EmbeddedSignalingTest {

    private static final String ADVISOR1 = TestTokens.advisor1();
    private static final String SUPERVISOR = TestTokens.supervisor1();

    @TestHTTPResource("/")
    URI base;

    private final WebSocketClient client = new WebSocketClient();

    /** Collects a signaling socket's messages and its close; public because Jetty invokes it through handles. */
    public static class Peer implements Session.Listener.AutoDemanding {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final CompletableFuture<String> reason = new CompletableFuture<>();

        @Override
        public void onWebSocketText(String message) {
            messages.add(message);
        }

        @Override
        public void onWebSocketClose(int statusCode, String why, Callback callback) {
            reason.complete(why);
            closed.complete(statusCode);
            callback.succeed();
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            closed.completeExceptionally(cause);
        }

        String next() throws InterruptedException {
            String message = messages.poll(5, TimeUnit.SECONDS);
            assertNotNull(message, "no message within 5 s");
            return message;
        }
    }

    @BeforeEach
    void start() throws Exception {
        client.start();
    }

    @AfterEach
    void stop() throws Exception {
        client.stop();
    }

    @Test
    void theRelaysOriginsMayConnectAndOthersAre403() throws Exception {
        String id = newSession(ADVISOR1, "Origin Orla").getString("id");
        JsonPath signaling = token(as(ADVISOR1), id);

        for (String foreign : new String[]{"https://evil.example", "http://localhost:1", null}) {
            assertEquals(403, refused(signaling, foreign), "Origin " + foreign);
        }
        for (String allowed : new String[]{TestPorts.base(), TestPorts.site()}) {
            Peer peer = new Peer();
            Session session = connect(token(as(ADVISOR1), id), allowed, peer);
            assertTrue(peer.next().contains("\"welcome\""));
            session.close();
            peer.closed.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void endingTheSessionClosesItsCallWith4409AndRefusesItsTokensWith410() throws Exception {
        JsonPath created = newSession(ADVISOR1, "Ending Enid");
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        Peer advisor = new Peer();
        connect(token(as(ADVISOR1), id), TestPorts.base(), advisor);
        assertTrue(advisor.next().contains("\"welcome\""));
        Peer customer = new Peer();
        connect(token(customer(credential), id), TestPorts.base(), customer);
        assertTrue(customer.next().contains("\"welcome\""));
        assertTrue(advisor.next().contains("\"peer-joined\""));
        JsonPath mintedBeforeTheEnd = token(customer(credential), id);

        as(ADVISOR1).body(Map.of("outcome", "resolved")).post("/api/sessions/" + id + "/end").then().statusCode(200);

        for (Peer peer : new Peer[]{advisor, customer}) {
            assertEquals(4409, peer.closed.get(5, TimeUnit.SECONDS));
            assertEquals("session ended", peer.reason.get());
        }
        as(ADVISOR1).post("/api/sessions/" + id + "/signaling-token").then().statusCode(410)
                .contentType("application/problem+json").body("type", equalTo("urn:tandem:problem:session-ended"));
        customer(credential).post("/api/sessions/" + id + "/signaling-token").then().statusCode(410);
        assertEquals(410, refused(mintedBeforeTheEnd, TestPorts.base()));
    }

    @Test
    void aSupervisorWhoStepsOutLeavesTheCallAndTheTokenTheyHadAsAParticipantIsRefused() throws Exception {
        JsonPath created = newSession(ADVISOR1, "Stepping Stella");
        String id = created.getString("id");
        try (RelayClient customer = RelayClient.customer(base, id, admit(created.getString("code"))).hello()) {
            as(SUPERVISOR).post("/api/sessions/" + id + "/step-in").then().statusCode(204);
            JsonPath participant = token(as(SUPERVISOR), id);
            assertEquals("advisor", participant.getString("role"), "in the conversation: a media peer");
            Peer advisor = new Peer();
            connect(token(as(ADVISOR1), id), TestPorts.base(), advisor);
            assertTrue(advisor.next().contains("\"welcome\""));
            Peer stepped = new Peer();
            connect(participant, TestPorts.base(), stepped);
            assertTrue(stepped.next().contains("\"welcome\""));
            assertTrue(advisor.next().contains("\"peer-joined\""));

            as(SUPERVISOR).post("/api/sessions/" + id + "/step-out").then().statusCode(204);

            assertEquals(4403, stepped.closed.get(5, TimeUnit.SECONDS));
            assertTrue(advisor.next().contains("\"peer-left\""), "the advisor's call goes on without them");
            Peer again = new Peer();
            connect(participant, TestPorts.base(), again);
            assertEquals(4403, again.closed.get(5, TimeUnit.SECONDS), "the participant's token no longer opens a call");
            JsonPath watching = token(as(SUPERVISOR), id);
            assertEquals("supervisor", watching.getString("role"));
            Peer observer = new Peer();
            connect(watching, TestPorts.base(), observer);
            assertTrue(observer.next().contains("\"welcome\""), "watching silently goes on");

            as(SUPERVISOR).post("/api/sessions/" + id + "/step-in").then().statusCode(204);
            Peer back = new Peer();
            connect(participant, TestPorts.base(), back);
            assertTrue(back.next().contains("\"welcome\""), "stepped in again, the token is good again");
            assertFalse(customer.isClosed(), "the customer never noticed");
        }
    }

    private static JsonPath token(RequestSpecification caller, String sessionId) {
        return caller.post("/api/sessions/" + sessionId + "/signaling-token").then().statusCode(200).extract()
                .jsonPath();
    }

    private Session connect(JsonPath signaling, String origin, Peer peer) throws Exception {
        return client.connect(peer, request(signaling, origin)).get(5, TimeUnit.SECONDS);
    }

    private int refused(JsonPath signaling, String origin) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> client.connect(new Peer(),
                request(signaling, origin)).get(5, TimeUnit.SECONDS));
        return assertInstanceOf(UpgradeException.class, e.getCause()).getResponseStatusCode();
    }

    private static ClientUpgradeRequest request(JsonPath signaling, String origin) {
        ClientUpgradeRequest request = new ClientUpgradeRequest(URI.create(signaling.getString("url")));
        request.setSubProtocols("tandem-signal.v1", "bearer." + signaling.getString("token"));
        if (origin != null) {
            request.setHeader("Origin", origin);
        }
        return request;
    }
}

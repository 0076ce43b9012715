package io.tandem.relay.bridge;

import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.signaling.ends.SessionEndSubscriber;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.tandem.relay.protocol.Role;
import io.tandem.relay.room.Handover;
import io.tandem.relay.room.Participant;
import io.tandem.testing.RelayClient;
import io.tandem.testing.TestTokens;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The multi-node bridge against a real Redis (a redis-server of the tests' own), with this test playing a second node ("b") on the session's channel:
 * the app (node "test-a") holds rooms claimed by it and serves clients attached from b; and it attaches its own
 * clients to rooms b holds. The frames crossing are the relay's own, unparsed.
 */
@QuarkusTest
@TestProfile(BridgeOnItsOwnRedis.class)
class RelayBridgeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADVISOR1 = TestTokens.advisor1();

    @TestHTTPResource("/")
    URI base;

    @Inject
    Redis redis;

    private RedisConnection sub;
    private final BlockingQueue<Buffer> heard = new LinkedBlockingQueue<>();

    @BeforeEach
    void nodeB() throws Exception {
        sub = redis.connect().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        sub.handler(r -> {
            if (r.size() >= 3 && "message".equals(r.get(0).toString())) {
                heard.add(r.get(2).toBuffer());
            }
        });
        cmd(Request.cmd(Command.SET).arg("tandem:relay:node:b").arg("1").arg("PX").arg(60_000));
    }

    @AfterEach
    void stopB() throws Exception {
        cmd(Request.cmd(Command.DEL).arg("tandem:relay:node:b"));
        sub.close();
    }

    @Test
    void endingASessionIsPublishedForStandaloneSignalingServers() throws Exception {
        sub.send(Request.cmd(Command.SUBSCRIBE).arg(SessionEndSubscriber.CHANNEL)).toCompletionStage()
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        String id = newSession(ADVISOR1, "Published Pia").getString("id");

        io.tandem.testing.Api.as(ADVISOR1).body(Map.of("outcome", "resolved")).post("/api/sessions/" + id + "/end")
                .then().statusCode(200);

        long deadline = System.currentTimeMillis() + 5000;
        boolean published = false;
        while (!published && System.currentTimeMillis() < deadline) {
            Buffer b = heard.poll(100, TimeUnit.MILLISECONDS);
            published = b != null && b.toString().equals(id);
        }
        assertTrue(published, "session " + id + " published on " + SessionEndSubscriber.CHANNEL);
    }

    @Test
    void aSupervisorSteppingInAndOutIsPublishedForStandaloneSignalingServers() throws Exception {
        sub.send(Request.cmd(Command.SUBSCRIBE).arg(SessionEndSubscriber.SEAT_CHANNEL)).toCompletionStage()
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        JsonPath created = newSession(ADVISOR1, "Seated Sid");
        String id = created.getString("id");
        String supervisor = TestTokens.supervisor1();
        try (RelayClient customer = RelayClient.customer(base, id, admit(created.getString("code"))).hello()) {
            io.tandem.testing.Api.as(supervisor).post("/api/sessions/" + id + "/step-in").then().statusCode(204);
            String in = heardOn(m -> m.startsWith("in " + id + " "));
            io.tandem.testing.Api.as(supervisor).post("/api/sessions/" + id + "/step-out").then().statusCode(204);
            String out = heardOn(m -> m.startsWith("out " + id + " "));
            String person = in.substring(("in " + id + " ").length());
            assertTrue(person.matches("[0-9a-f-]{36}"), "the supervisor's staff id: " + in);
            assertEquals("out " + id + " " + person, out, "the same person steps out");
        }
    }

    /** The next message heard that matches, within 5 s. */
    private String heardOn(Predicate<String> wanted) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            Buffer b = heard.poll(100, TimeUnit.MILLISECONDS);
            if (b != null && wanted.test(b.toString())) {
                return b.toString();
            }
        }
        throw new AssertionError("nothing matching was published within 5 s");
    }

    private Response cmd(Request r) throws Exception {
        return redis.send(r).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private String claim(String sessionId) throws Exception {
        Response holder = cmd(Request.cmd(Command.GET).arg("tandem:relay:claim:" + sessionId));
        return holder == null ? null : holder.toString();
    }

    private void listen(String sessionId) throws Exception {
        sub.send(Request.cmd(Command.SUBSCRIBE).arg("tandem:relay:session:" + sessionId)).toCompletionStage()
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private void publish(String sessionId, String head, String frame) throws Exception {
        cmd(Request.cmd(Command.PUBLISH).arg("tandem:relay:session:" + sessionId).arg(Buffer.buffer(head + "\n"
                + (frame == null ? "" : frame))));
    }

    /** The next message on the channel whose envelope matches, as {head, frame header, frame payload}. */
    private Heard await(Predicate<Heard> match, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            Buffer b = heard.poll(100, TimeUnit.MILLISECONDS);
            if (b != null) {
                Heard h = Heard.of(b);
                if (match.test(h)) {
                    return h;
                }
            }
        }
        throw new AssertionError("node b never heard " + what);
    }

    record Heard(JsonNode head, JsonNode frame, String payload) {
        static Heard of(Buffer b) {
            String all = b.toString(StandardCharsets.UTF_8);
            String[] parts = all.split("\n", 3);
            try {
                return new Heard(JSON.readTree(parts[0]), parts.length > 1 && !parts[1].isEmpty()
                        ? JSON.readTree(
                                parts[1])
                        : null, parts.length > 2 ? parts[2] : "");
            } catch (Exception e) {
                throw new AssertionError("not an envelope: " + all, e);
            }
        }

        boolean is(String kind, String type) {
            return head.path("k").asText().equals(kind) && (type == null || frame != null && frame.path("t").asText()
                    .equals(type));
        }
    }

    @Test
    void aRoomHereServesAClientAttachedFromAnotherNode() throws Exception {
        JsonPath created = newSession(ADVISOR1, "Bridged Bea");
        String id = created.getString("id");
        listen(id);
        try (RelayClient customer = RelayClient.customer(base, id, admit(created.getString("code"))).hello()) {
            assertEquals("test-a", claim(id), "the first node with a participant holds the room");
            customer.sendReliable("dom.snap", null, "{\"html\":\"<p>before</p>\"}");
            customer.await("sys.presence");

            // the advisor's console, connected to node b: its hello travels to the room here
            String who = ",\"id\":\"adv-b\",\"role\":\"advisor\",\"name\":\"Alice Archer\"}";
            publish(id, "{\"k\":\"in\",\"to\":\"test-a\",\"c\":\"b.1\"" + who, "{\"t\":\"sys.hello\"}\n"
                    + "{\"epoch\":\"console1\"}");
            Heard welcome = await(h -> h.is("out", "sys.welcome"), "the welcome");
            assertEquals("b", welcome.head().path("to").asText());
            assertEquals("b.1", welcome.head().path("c").asText());
            assertTrue(welcome.payload().contains("\"participantId\":\"adv-b\""));
            Heard keyframe = await(h -> h.is("out", "dom.snap"), "the keyframe for the late joiner");
            assertEquals("{\"html\":\"<p>before</p>\"}", keyframe.payload());
            // the customer sees the advisor arrive, and live frames flow both ways
            customer.await(f -> f.type().equals("sys.presence") && f.text().contains("\"role\":\"advisor\""),
                    "the attached advisor in presence");
            customer.sendReliable("dom.mut", null, "{\"v\":\"after\"}");
            Heard mut = await(h -> h.is("out", "dom.mut"), "a live mutation");
            assertEquals("{\"v\":\"after\"}", mut.payload());
            publish(id, "{\"k\":\"in\",\"to\":\"test-a\",\"c\":\"b.1\"" + who, "{\"t\":\"ptr.move\"}\n"
                    + "{\"x\":0.5,\"y\":0.25}");
            RelayClient.Frame pointer = customer.await("ptr.move");
            assertEquals("adv-b", pointer.from());
            // the console's connection on b closes: the advisor is reconnecting, as on one node
            publish(id, "{\"k\":\"gone\",\"to\":\"test-a\",\"c\":\"b.1\"}", null);
            customer.await(f -> f.type().equals("sys.presence") && f.text().contains("reconnecting"),
                    "the advisor reconnecting");
        }
    }

    @Test
    void aClientHereIsAttachedToTheRoomAnotherLiveNodeHolds() throws Exception {
        JsonPath created = newSession(ADVISOR1, "Remote Rory");
        String id = created.getString("id");
        listen(id);
        cmd(Request.cmd(Command.SET).arg("tandem:relay:claim:" + id).arg("b").arg("PX").arg(60_000));
        try (RelayClient customer = RelayClient.customer(base, id, admit(created.getString("code")))) {
            customer.send("sys.hello", 0, null, "{\"epoch\":\"page1\"}");
            Heard hello = await(h -> h.is("in", "sys.hello"), "the customer's hello");
            assertEquals("b", hello.head().path("to").asText());
            assertEquals("customer", hello.head().path("id").asText());
            assertEquals("customer", hello.head().path("role").asText());
            String c = hello.head().path("c").asText();
            assertTrue(c.startsWith("test-a."), c);
            // b's room answers through the channel; the frame reaches the socket as sent
            publish(id, "{\"k\":\"out\",\"to\":\"test-a\",\"c\":\"" + c + "\"}", "{\"t\":\"sys.welcome\"}\n"
                    + "{\"participantId\":\"customer\",\"from-b\":true}");
            assertTrue(customer.await("sys.welcome").text().contains("from-b"));
            customer.sendReliable("dom.snap", null, "{\"html\":\"<p>x</p>\"}");
            Heard snap = await(h -> h.is("in", "dom.snap"), "the snapshot, for the room on b");
            assertEquals("{\"html\":\"<p>x</p>\"}", snap.payload());
            // b closes the client (say the session ended there): the socket closes with that code
            publish(id, "{\"k\":\"close\",\"to\":\"test-a\",\"c\":\"" + c + "\",\"code\":4409}", null);
            assertEquals(4409, customer.closeCode(5));
        }
    }

    @Test
    void whenTheNodeHoldingTheRoomDiesItsAttachedClientsReconnectAndTheRoomMovesHere() throws Exception {
        JsonPath created = newSession(ADVISOR1, "Failover Fay");
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        listen(id);
        cmd(Request.cmd(Command.SET).arg("tandem:relay:claim:" + id).arg("b").arg("PX").arg(60_000));
        try (RelayClient customer = RelayClient.customer(base, id, credential)) {
            customer.send("sys.hello", 0, null, "{\"epoch\":\"page2\"}");
            await(h -> h.is("in", "sys.hello"), "the customer's hello");
            // node b stops its heartbeat (killed): within the node TTL the attached client is told to reconnect
            cmd(Request.cmd(Command.DEL).arg("tandem:relay:node:b"));
            assertEquals(1001, customer.closeCode(5));
        }
        // reconnecting, the room is claimed here and works as on one node
        try (RelayClient customer = RelayClient.customer(base, id, credential).hello(7);
                RelayClient advisor = RelayClient.staff(base, id, ADVISOR1).hello()) {
            assertEquals("test-a", claim(id));
            customer.sendReliable("dom.snap", null, "{\"html\":\"<p>again</p>\"}");
            assertEquals("{\"html\":\"<p>again</p>\"}", new String(advisor.await("dom.snap").payload(),
                    StandardCharsets.UTF_8));
        }
    }

    @Test
    void aRoomHandedOverByAStoppingNodeContinuesHere() throws Exception {
        JsonPath created = newSession(ADVISOR1, "Handed Hanna");
        String id = created.getString("id");
        Buffer snap = Buffer.buffer("{\"t\":\"dom.snap\",\"n\":5,\"from\":\"customer\"}\n{\"html\":\"<p>handed</p>\"}");
        Handover state = new Handover(7, null, "customer", "customer", false,
                java.util.List.of(new Handover.MemberState(
                        new Participant("customer", Role.CUSTOMER, "Handed Hanna"), "page9", 4)),
                snap, java.util.List.of(),
                Map.of(), java.util.List.of(), java.util.List.of(new Handover.Logged(5, snap)));
        cmd(Request.cmd(Command.SET).arg("tandem:relay:handover:" + id).arg(state.encode()).arg("PX").arg(60_000));
        try (RelayClient advisor = RelayClient.staff(base, id, ADVISOR1).hello()) {
            assertEquals(7, advisor.welcome().json().path("lastN").asLong(), "numbering continues from the old node");
            assertEquals("{\"html\":\"<p>handed</p>\"}", new String(advisor.await("dom.snap").payload(),
                    StandardCharsets.UTF_8), "the keyframe came along");
            assertEquals(null, cmd(Request.cmd(Command.GET).arg("tandem:relay:handover:" + id)), "taken once");
            try (RelayClient customer = RelayClient.customer(base, id, admit(created.getString("code")))) {
                customer.send("sys.hello", 0, null, "{\"epoch\":\"page9\",\"resume\":7}");
                assertEquals(4, customer.await("sys.welcome").json().path("acked").asLong(),
                        "the customer's page resumes: its frames up to 4 are not expected again");
            }
        }
    }

    @Test
    void aRoomHereThatAnotherLiveNodeHoldsIsRetiredSoEveryoneMeetsInOneRoom() throws Exception {
        // as after a Redis outage: this node opened the room on its own while node b claimed it
        JsonPath created = newSession(ADVISOR1, "Split Sid");
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        try (RelayClient customer = RelayClient.customer(base, id, credential).hello()) {
            assertEquals("test-a", claim(id));
            cmd(Request.cmd(Command.SET).arg("tandem:relay:claim:" + id).arg("b").arg("PX").arg(60_000));
            // within a heartbeat the copy here is retired: its clients are told to reconnect, and find b
            customer.await("sys.reconnect");
            assertEquals(1001, customer.closeCode(5));
        }
        listen(id);
        try (RelayClient again = RelayClient.customer(base, id, credential)) {
            again.send("sys.hello", 0, null, "{\"epoch\":\"p\"}");
            assertEquals("b", await(h -> h.is("in", "sys.hello"), "the hello, now for b").head().path("to").asText());
        }
    }

    @Test
    void healthShowsTheBridgeAndItsNode() {
        io.restassured.RestAssured.given().port(io.tandem.testing.TestPorts.management()).get("/q/health/well").then()
                .statusCode(200)
                .body("checks.find { it.name == 'relay-bridge' }.status", org.hamcrest.Matchers.equalTo("UP"))
                .body("checks.find { it.name == 'relay-bridge' }.data.node", org.hamcrest.Matchers.equalTo("test-a"));
        assertNotNull(redis);
    }
}

package io.tandem.recording;

import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.Poll;
import io.tandem.testing.RelayClient;
import io.tandem.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A live session is recorded through the real relay into PostgreSQL, and tampering shows in the verification. */
@QuarkusTest
class RecordingTest {

    private static final String ADVISOR1 = TestTokens.advisor1();

    @TestHTTPResource("/")
    URI base;

    @Inject
    RecordingStore store;

    @Inject
    Pool db;

    private static JsonPath verify(String id) {
        return as(TestTokens.supervisor1()).get("/api/sessions/" + id + "/recording/verify").then().statusCode(200)
                .extract().jsonPath();
    }

    private static JsonPath awaitComplete(String id) {
        return Poll.until(Duration.ofSeconds(10), () -> verify(id), v -> v.getBoolean("complete"),
                "the recording complete");
    }

    /** Whether a stored chunk of the session holds a frame containing {@code text}. */
    private boolean stored(String id, String text) {
        return store.chunks(UUID.fromString(id)).await().atMost(Duration.ofSeconds(5)).stream()
                .flatMap(c -> c.decode().stream()).anyMatch(f -> new String(f.bytes(), StandardCharsets.UTF_8)
                        .contains(text));
    }

    /** A header field of a recorded frame, as text. */
    private static String field(String frame, String name) {
        String header = frame.substring(0, frame.indexOf('\n'));
        int at = header.indexOf("\"" + name + "\":") + name.length() + 3;
        int end = at;
        while (end < header.length() && header.charAt(end) != ',' && header.charAt(end) != '}') {
            end++;
        }
        return header.substring(at, end).replace("\"", "");
    }

    @Test
    void aSessionIsRecordedInOrderAsAHashChainAndTamperingIsDetected() {
        JsonPath created = newSession(ADVISOR1, "Recorded Ruth");
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        try (RelayClient customer = RelayClient.customer(base, id, credential).hello();
                RelayClient advisor = RelayClient.staff(base, id, ADVISOR1).hello()) {
            customer.sendReliable("dom.snap", null, "[{\"type\":2,\"note\":\"snapshot\"}]");
            advisor.await("dom.snap");
            for (int round = 0; round < 3; round++) { // across several flushes: several chunks
                customer.sendReliable("dom.mut", null, "[{\"round\":" + round + "}]");
                advisor.sendReliable("ann.begin", null, "{\"id\":\"a" + round + "\",\"tool\":\"pen\"}");
                customer.await("ann.begin");
                String mutation = "{\"round\":" + round + "}";
                // stored before the next round is sent: each round lands in a later chunk than the one before
                Poll.until(Duration.ofSeconds(10), () -> stored(id, mutation), mutation + " stored");
            }
            customer.sendReliable("ctl.grant", null, "{\"to\":\"" + advisor.welcome().json().path("participantId")
                    .asText() + "\"}");
            advisor.await("sys.control");
            as(ADVISOR1).body(Map.of("outcome", "resolved")).post("/api/sessions/" + id + "/end").then()
                    .statusCode(200);
        }
        JsonPath v = awaitComplete(id);
        assertTrue(v.getBoolean("intact"), v.prettify());
        assertTrue(v.getBoolean("complete"), v.prettify());
        assertTrue(v.getInt("chunks") >= 3, "written in several chunks: " + v.prettify());

        List<String> texts = store.chunks(UUID.fromString(id)).await().atMost(Duration.ofSeconds(5)).stream()
                .flatMap(c -> c.decode().stream()).map(f -> new String(f.bytes(), StandardCharsets.UTF_8)).toList();
        assertTrue(texts.stream().anyMatch(t -> field(t, "t").equals("sys.presence") && t.contains("\"customer\"")),
                "joins and leaves are recorded as presence (without round-trip times)");
        texts = texts.stream().filter(t -> !field(t, "t").equals("sys.presence")).toList();
        List<String> types = texts.stream().map(t -> field(t, "t")).toList();
        assertEquals(List.of("ann.begin", "ann.begin", "ann.begin", "dom.mut", "dom.mut", "dom.mut", "dom.snap",
                "sys.control"), types.stream().sorted().toList(), "every relayed frame, the control grant too");
        assertEquals("dom.snap", types.get(0));
        List<Long> numbers = texts.stream().map(t -> Long.parseLong(field(t, "n"))).toList();
        assertEquals(numbers.stream().sorted().distinct().toList(), numbers, "in the room's order: " + numbers);

        // a modified chunk
        db.preparedQuery("update recording_chunk set content = content || '\\x00'::bytea where session_id = $1"
                + " and seq = 1").execute(Tuple.of(UUID.fromString(id))).await().atMost(Duration.ofSeconds(5));
        JsonPath altered = verify(id);
        assertFalse(altered.getBoolean("intact"));
        assertTrue(altered.getList("problems").contains("chunk 1 was altered"), altered.prettify());
        // a removed chunk
        db.preparedQuery("delete from recording_chunk where session_id = $1 and seq = 1")
                .execute(Tuple.of(UUID.fromString(id))).await().atMost(Duration.ofSeconds(5));
        JsonPath removed = verify(id);
        assertFalse(removed.getBoolean("intact"));
        assertEquals(List.of("chunk 1 is missing"), removed.getList("problems"));

        as(ADVISOR1).get("/api/sessions/" + id + "/recording/verify").then().statusCode(403);
    }

    @Test
    void storingAChunkTwiceKeepsOneAndTheChainContinuesFromTheDatabase() {
        UUID session = UUID.randomUUID();
        Chunk c = Chunk.of(session, 0, java.time.Instant.now(), List.of(new Chunk.Frame(1, new byte[]{1})), 0, false,
                Chunk.GENESIS);
        store.insert(c).await().atMost(Duration.ofSeconds(5));
        store.insert(c).await().atMost(Duration.ofSeconds(5)); // a retry after a lost answer
        assertEquals(1, store.chunks(session).await().atMost(Duration.ofSeconds(5)).size());
        RecordingStore.Tip tip = store.tip(session).await().atMost(Duration.ofSeconds(5));
        assertEquals(0, tip.seq());
        assertTrue(java.util.Arrays.equals(c.contentSha256(), tip.sha256()));
    }
}

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

    @Test
    void aChunkRewrittenInTheDatabaseWithItsWholeChainRecomputedIsStillCaught() {
        String id = newSession(ADVISOR1, "Forged Fiona").getString("id");
        UUID session = UUID.fromString(id);
        byte[] prev = Chunk.GENESIS;
        for (int seq = 0; seq < 3; seq++) { // stored through the store, which seals each chunk with the server's key
            Chunk c = Chunk.of(session, seq, java.time.Instant.now(), List.of(new Chunk.Frame(seq,
                    ("{\"t\":\"dom.mut\",\"n\":" + seq + "}\n[]").getBytes(StandardCharsets.UTF_8))), 0, false,
                    prev);
            store.insert(c).await().atMost(Duration.ofSeconds(5));
            prev = c.contentSha256();
        }
        JsonPath before = verify(id);
        assertTrue(before.getBoolean("intact"), before.prettify());
        // a database writer forges chunk 1 and recomputes the chain: its hash, and the next chunk's link to it
        byte[] forged = Chunk.compress(List.of(new Chunk.Frame(1, "{\"t\":\"dom.mut\",\"n\":1}\n[\"forged\"]"
                .getBytes(StandardCharsets.UTF_8))));
        io.vertx.core.buffer.Buffer hash = io.vertx.core.buffer.Buffer.buffer(Chunk.sha256(forged));
        db.preparedQuery("update recording_chunk set content = $2, content_sha256 = $3 where session_id = $1"
                + " and seq = 1").execute(Tuple.of(session, io.vertx.core.buffer.Buffer.buffer(forged), hash))
                .await().atMost(Duration.ofSeconds(5));
        db.preparedQuery("update recording_chunk set prev_sha256 = $2 where session_id = $1 and seq = 2")
                .execute(Tuple.of(session, hash)).await().atMost(Duration.ofSeconds(5));
        JsonPath after = verify(id);
        assertFalse(after.getBoolean("intact"), after.prettify());
        assertEquals(List.of("chunk 1 was not sealed by this server (changed outside Tandem)",
                "chunk 2 was not sealed by this server (changed outside Tandem)"), after.getList("problems"),
                "the hash chain holds (it was recomputed); only the seals show the forgery");
        // and a seal copied from another chunk does not fit either
        db.preparedQuery("update recording_chunk c set seal = (select seal from recording_chunk where session_id = $1"
                + " and seq = 0) where session_id = $1 and seq = 1").execute(Tuple.of(session)).await()
                .atMost(Duration.ofSeconds(5));
        assertTrue(verify(id).getList("problems").contains(
                "chunk 1 was not sealed by this server (changed outside Tandem)"));
    }

    @Inject
    io.tandem.config.RecordingConfig recordingConfig;

    /** Another server's recorder on the same database: the one that continues a recording after a restart. */
    private Recorder server() {
        return new Recorder(store, java.time.Clock.systemUTC(), recordingConfig);
    }

    private static io.vertx.core.buffer.Buffer frame(String text) {
        return io.vertx.core.buffer.Buffer.buffer("{\"t\":\"dom.mut\"}\n" + text);
    }

    @Test
    void aServerShuttingDownStoresItsLastFramesAndPausesSoTheNextServerContinuesWithoutAGap() {
        String id = newSession(ADVISOR1, "Paused Paula").getString("id");
        UUID session = UUID.fromString(id);
        Recorder first = server();
        first.record(session, frame("[\"first\"]"));
        first.flush().await().atMost(Duration.ofSeconds(10));
        first.record(session, frame("[\"the last before SIGTERM\"]"));
        first.shutdown(null); // what SIGTERM runs: a last flush, and the recording paused
        assertTrue(stored(id, "the last before SIGTERM"), "the last frame before the signal is stored");
        List<Chunk> paused = store.chunks(session).await().atMost(Duration.ofSeconds(5));
        Chunk pause = paused.get(paused.size() - 1);
        assertTrue(pause.paused(), "the last chunk of the server that shut down is marked paused");

        Recorder next = server();
        next.record(session, frame("[\"after the restart\"]"));
        next.flush().await().atMost(Duration.ofSeconds(10));
        List<Chunk> chunks = store.chunks(session).await().atMost(Duration.ofSeconds(5));
        assertFalse(chunks.get(chunks.size() - 1).afterGap(), "a paused recording continues without a gap");
        JsonPath v = verify(id);
        assertTrue(v.getBoolean("intact"), v.prettify());
        assertTrue(v.getBoolean("complete"), v.prettify());
        assertEquals(List.of(), v.getList("problems"));
    }

    @Test
    void aServerContinuingARecordingItsPredecessorNeverPausedMarksTheGapAndVerifySaysSo() {
        String id = newSession(ADVISOR1, "Killed Kai").getString("id");
        UUID session = UUID.fromString(id);
        Recorder killed = server();
        killed.record(session, frame("[\"stored before the kill\"]"));
        killed.flush().await().atMost(Duration.ofSeconds(10));
        killed.record(session, frame("[\"held in memory when the process died\"]")); // never flushed: kill -9

        Recorder next = server();
        next.record(session, frame("[\"after the restart\"]"));
        next.flush().await().atMost(Duration.ofSeconds(10));
        List<Chunk> chunks = store.chunks(session).await().atMost(Duration.ofSeconds(5));
        assertEquals(List.of(false, true), chunks.stream().map(Chunk::afterGap).toList());
        assertFalse(stored(id, "held in memory when the process died"));
        JsonPath v = verify(id);
        assertTrue(v.getBoolean("intact"), "nothing was altered: " + v.prettify());
        assertFalse(v.getBoolean("complete"), "frames were lost, so the recording is not complete: " + v.prettify());
        assertEquals(1, v.getList("problems").size(), v.prettify());
        assertTrue(v.getList("problems", String.class).get(0).startsWith(
                "before chunk 1 the server stopped without warning: what was shared between "), v.prettify());

        // whoever hides the gap in the database breaks the seal
        db.preparedQuery("update recording_chunk set after_gap = false where session_id = $1 and seq = 1")
                .execute(Tuple.of(session)).await().atMost(Duration.ofSeconds(5));
        JsonPath hidden = verify(id);
        assertFalse(hidden.getBoolean("intact"), hidden.prettify());
        assertEquals(List.of("chunk 1 was not sealed by this server (changed outside Tandem)"),
                hidden.getList("problems"));
    }

    @Test
    void aServerKilledBeforeItStoredAnythingLeavesAGapThatTheNextServerMarksWhenAParticipantResumesPastIt() {
        String id = newSession(ADVISOR1, "Early Kill Ed").getString("id");
        UUID session = UUID.fromString(id);
        Recorder next = server();
        next.roomLost(session); // the customer resumed past anything the new room numbered; nothing is stored
        next.record(session, frame("[\"after the restart\"]"));
        next.finish(session);
        next.flush().await().atMost(Duration.ofSeconds(10));
        next.flush().await().atMost(Duration.ofSeconds(10));
        List<Chunk> chunks = store.chunks(session).await().atMost(Duration.ofSeconds(5));
        assertTrue(chunks.get(0).afterGap(), "the first chunk stored opens after a gap");
        assertTrue(chunks.get(chunks.size() - 1).last(), "and the recording still ends with its final chunk");
        JsonPath v = verify(id);
        assertFalse(v.getBoolean("complete"), v.prettify());
        assertEquals(List.of("before chunk 0 the server stopped without warning: what was shared is not in the"
                + " recording"), v.getList("problems"));
    }
}

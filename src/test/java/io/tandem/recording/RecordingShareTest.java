package io.tandem.recording;

import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.newSession;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.RelayClient;
import io.tandem.testing.TestTokens;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The recording buffer is bounded per session (issue 19, item 2): a session sending faster than recordings are stored
 * fills its own share and has its own frames dropped and counted, while another session's frames are all recorded and
 * the node's readiness stays UP.
 */
@QuarkusTest
@TestProfile(RecordingShareTest.SmallBuffer.class)
class RecordingShareTest {

    private static final int NODE_BYTES = 8 * 1024 * 1024;
    private static final int SESSION_BYTES = 2 * 1024 * 1024;
    private static final String ADVISOR1 = TestTokens.advisor1();

    /** An 8 MiB buffer with 2 MiB a session, and no scheduled flush: the test stores when it has looked. */
    public static class SmallBuffer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tandem.recording.buffer-bytes", String.valueOf(NODE_BYTES),
                    "tandem.recording.session-buffer-bytes", String.valueOf(SESSION_BYTES),
                    "tandem.recording.flush-interval", "off");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Inject
    Recorder recorder;

    @Inject
    RecordingStore store;

    @Test
    void aFloodingSessionDropsOnlyItsOwnFramesAndReadinessStaysUp() {
        JsonPath flooded = newSession(ADVISOR1, "Flooding Flo " + UUID.randomUUID());
        JsonPath quiet = newSession(ADVISOR1, "Quiet Quentin " + UUID.randomUUID());
        UUID floodedId = UUID.fromString(flooded.getString("id"));
        UUID quietId = UUID.fromString(quiet.getString("id"));
        try (RelayClient flooder = RelayClient.customer(base, floodedId.toString(), admit(flooded.getString("code")))
                .hello();
                RelayClient other = RelayClient.customer(base, quietId.toString(), admit(quiet.getString("code")))
                        .hello()) {
            // 16 snapshots of 600 kB: more than the whole node's buffer, faster than it is stored
            for (int i = 0; i < 16; i++) {
                flooder.sendReliable("dom.snap", null, "[\"flood-" + i + "\",\"" + "x".repeat(600_000) + "\"]");
            }
            flooder.send("sys.ping", 0, null, "{}");
            flooder.await("sys.pong"); // every frame before the ping has been relayed and offered to the recorder
            ready();
            assertTrue(recorder.bufferedBytes() <= SESSION_BYTES + 64 * 1024,
                    "the flooding session holds no more than its share: " + recorder.bufferedBytes());

            for (int i = 0; i < 20; i++) { // 1 MB: more than a node-wide buffer filled by the flood would have left
                other.sendReliable("dom.mut", null, "[\"quiet-" + i + "\",\"" + "y".repeat(50_000) + "\"]");
            }
            other.send("sys.ping", 0, null, "{}");
            other.await("sys.pong");
            ready();

            recorder.flush().await().atMost(Duration.ofSeconds(60));
            List<Chunk> quietChunks = store.chunks(quietId).await().atMost(Duration.ofSeconds(10));
            List<String> recorded = quietChunks.stream().flatMap(c -> c.decode().stream())
                    .map(f -> new String(f.bytes(), StandardCharsets.UTF_8)).filter(t -> t.contains("[\"quiet-"))
                    .map(t -> t.substring(t.indexOf("[\"quiet-") + 2, t.indexOf("\",\"y"))).toList();
            assertEquals(java.util.stream.IntStream.range(0, 20).mapToObj(i -> "quiet-" + i).toList(), recorded,
                    "the other session's frames are all recorded, in order");
            Verification quietCheck = Verification.of(quietId, quietChunks, false);
            assertTrue(quietCheck.complete(), quietCheck.problems().toString());

            List<Chunk> floodChunks = store.chunks(floodedId).await().atMost(Duration.ofSeconds(10));
            int dropped = floodChunks.stream().mapToInt(Chunk::dropped).sum();
            long kept = floodChunks.stream().flatMap(c -> c.decode().stream())
                    .filter(f -> new String(f.bytes(), 0, Math.min(200, f.bytes().length), StandardCharsets.UTF_8)
                            .contains("\"dom.snap\""))
                    .count();
            assertEquals(16, kept + dropped, "every snapshot is either recorded or counted as dropped");
            assertTrue(kept >= 1 && kept <= 4, kept + " snapshots recorded within a 2 MiB share");
            Verification floodCheck = Verification.of(floodedId, floodChunks, false);
            assertFalse(floodCheck.complete(), "the flooded recording does not claim to be complete");
            assertTrue(floodCheck.problems().stream().anyMatch(p -> p.contains(dropped + " frames were not recorded")),
                    floodCheck.problems().toString());
            ready();
        }
    }

    /** The node stays in the load balancer: readiness, and its recording check, UP. */
    private static void ready() {
        RestAssured.given().port(io.tandem.testing.TestPorts.management()).get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'recording' }.status", equalTo("UP"));
    }
}

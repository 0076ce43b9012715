package io.tandem.recording;

import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.Poll;
import io.tandem.testing.RelayClient;
import io.tandem.testing.TestTokens;
import io.tandem.touchpoint.RoomCounters;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away for 30 seconds during a live session (the test database refuses connections and every open one
 * is cut; issue 19 item 11): the session goes on with both people working the whole time, the API answers 503, the
 * recorder buffers and the counters wait; once the database is back every frame is stored, in order, in an intact and
 * complete chain, and every counter exactly once.
 */
@QuarkusTest
class RecordingOutageTest {

    private static final String ADVISOR1 = TestTokens.advisor1();
    /** How long the database stays away: the probe's 30 s, not a few flushes' worth. */
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URI base;

    @Inject
    RecordingStore store;

    @Inject
    Recorder recorder;

    @Inject
    RoomCounters counters;

    /** A connection to the server's maintenance database, which stays reachable while the test database is cut off. */
    private static Connection admin() throws Exception {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        String user = ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class);
        String password = ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.password", String.class)
                .orElse("");
        return DriverManager.getConnection(url.substring(0, url.lastIndexOf('/') + 1) + "postgres", user, password);
    }

    private static String database() {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        String name = url.substring(url.lastIndexOf('/') + 1);
        return name.contains("?") ? name.substring(0, name.indexOf('?')) : name;
    }

    private static void outage(boolean down) throws Exception {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("alter database \"" + database() + "\" allow_connections " + !down);
            if (down) {
                s.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database()
                        + "' and pid <> pg_backend_pid()");
            }
        }
    }

    @Test
    void aDatabaseOutageOf30SecondsLosesNoFrameAndCountsEveryCounterOnce() throws Exception {
        JsonPath created = newSession(ADVISOR1, "Outage Olga");
        int rounds = 0;
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        try (RelayClient customer = RelayClient.customer(base, id, credential).hello();
                RelayClient advisor = RelayClient.staff(base, id, ADVISOR1).hello()) {
            customer.sendReliable("dom.snap", null, "[{\"type\":2,\"note\":\"before\"}]");
            advisor.await("dom.snap");
            Poll.until(Duration.ofSeconds(10), () -> !store.chunks(UUID.fromString(id)).await()
                    .atMost(Duration.ofSeconds(5)).isEmpty(), "a first chunk stored before the outage");
            outage(true);
            long downSince = System.nanoTime();
            try {
                // while the database is away the customer's page changes and the advisor draws, every second or so:
                // each frame is relayed at once, and each round ends with a flush the database refused
                while (rounds < 4 || System.nanoTime() - downSince < OUTAGE.toNanos()) {
                    int round = rounds;
                    customer.sendReliable("dom.mut", null, "[{\"during\":" + round + "}]");
                    advisor.sendReliable("ann.end", null, "{\"id\":\"o-" + round + "\"}");
                    advisor.await(f -> f.type().equals("dom.mut") && f.text().contains("\"during\":" + round + "}"),
                            "mutation " + round);
                    customer.await(f -> f.type().equals("ann.end") && f.text().contains("o-" + round), "drawing");
                    long refused = recorder.storeFailures();
                    Poll.until(Duration.ofSeconds(15), () -> recorder.storeFailures() > refused,
                            "a flush refused by the database");
                    rounds++;
                }
                assertTrue(recorder.bufferedBytes() > 0, "held in memory while the database is away");
                assertTrue(counters.pendingBatches() > 0, "counters wait for the database");
                // the API itself needs the database: it says so, and when to try again
                as(ADVISOR1).get("/api/sessions/" + id).then().statusCode(503).contentType("application/problem+json")
                        .body("type", org.hamcrest.Matchers.equalTo("urn:tandem:problem:unavailable"))
                        .header("Retry-After", "5");
            } finally {
                outage(false);
            }
            customer.sendReliable("dom.mut", null, "[{\"after\":true}]");
            advisor.await(f -> f.type().equals("dom.mut") && f.text().contains("after"), "after the outage");
            // the pool reconnects on its own
            Poll.until(Duration.ofSeconds(15), () -> as(ADVISOR1).body(Map.of("outcome", "resolved"))
                    .post("/api/sessions/" + id + "/end").statusCode() == 200, "the session ended after the outage");
        }
        JsonPath v = Poll.until(Duration.ofSeconds(15), () -> as(TestTokens.supervisor1()).get("/api/sessions/" + id
                + "/recording/verify").then().statusCode(200).extract().jsonPath(), j -> j.getBoolean("complete"),
                "the recording complete");
        assertTrue(v.getBoolean("intact"), v.prettify());
        assertTrue(v.getBoolean("complete"), v.prettify());
        List<String> payloads = store.chunks(UUID.fromString(id)).await().atMost(Duration.ofSeconds(5)).stream()
                .flatMap(c -> c.decode().stream()).map(f -> new String(f.bytes(), StandardCharsets.UTF_8))
                .filter(t -> t.startsWith("{\"t\":\"dom.")).map(t -> t.substring(t.indexOf('\n') + 1)).toList();
        List<String> expected = new ArrayList<>(List.of("[{\"type\":2,\"note\":\"before\"}]"));
        for (int round = 0; round < rounds; round++) {
            expected.add("[{\"during\":" + round + "}]");
        }
        expected.add("[{\"after\":true}]");
        assertEquals(expected, payloads);
        Poll.until(Duration.ofSeconds(5), () -> recorder.bufferedBytes() == 0, "nothing left behind in memory");
        // every drawing finished during the outage is on the touchpoint once: none lost, none counted twice
        int drawn = rounds;
        Poll.until(Duration.ofSeconds(15), () -> counters.pendingBatches() == 0 && annotations(id) >= drawn,
                "the counters written after the outage");
        assertEquals(drawn, annotations(id));
    }

    private static int annotations(String sessionId) {
        try (Connection c = DriverManager.getConnection(
                ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class),
                ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class),
                ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
                var q = c.prepareStatement("select annotations from touchpoint where session_id = ?")) {
            q.setObject(1, UUID.fromString(sessionId));
            try (var r = q.executeQuery()) {
                return r.next() ? r.getInt(1) : -1;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

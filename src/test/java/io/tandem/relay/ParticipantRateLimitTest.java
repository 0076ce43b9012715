package io.tandem.relay;

import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.newSession;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.RelayClient;
import io.tandem.testing.SettingsOfTheirOwn;
import io.tandem.testing.TestTokens;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Limits hold per participant, not per socket (issue 19, item 2): a customer looping connect, hello, a big frame,
 * close gets no fresh burst per socket and is closed with 4429 once its budget is spent; a connect loop alone is
 * refused with 4429 too; the rest of the session stays connected.
 */
@QuarkusTest
@TestProfile(SettingsOfTheirOwn.class)
class ParticipantRateLimitTest {

    /** 1 MiB/s with a 2 MiB burst, and 5 connects at once, instead of the test profile's 64 MiB. */
    private static final int RATE = SettingsOfTheirOwn.RELAY_RATE;
    private static final int BURST = SettingsOfTheirOwn.RELAY_BURST;
    private static final int CONNECT_BURST = SettingsOfTheirOwn.CONNECT_BURST;
    /** Almost the whole burst: a second one fits only after almost two seconds. */
    private static final int FRAME = 1_900_000;
    private static final String ADVISOR1 = TestTokens.advisor1();

    @TestHTTPResource("/")
    URI base;

    @Test
    void aCustomerReconnectingInALoopWithBigFramesIsClosedWith4429OnceItsBudgetIsSpent() {
        JsonPath created = newSession(ADVISOR1, "Looping Lou " + UUID.randomUUID());
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        try (RelayClient advisor = RelayClient.staff(base, id, ADVISOR1).hello()) {
            long started = System.nanoTime();
            int accepted = 0;
            int code = 0;
            for (int socket = 0; socket < CONNECT_BURST - 1 && code == 0; socket++) {
                code = sendOnANewSocket(id, credential, FRAME);
                accepted += code == 0 ? 1 : 0;
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            assertEquals(4429, code, "a fresh socket must not bring a fresh burst (" + accepted + " frames taken)");
            assertTrue((long) accepted * FRAME <= BURST + RATE * seconds,
                    accepted + " frames of " + FRAME + " bytes in " + seconds + " s");
            assertFalse(advisor.isClosed(), "the other side of the session stays connected");
            advisor.send("sys.ping", 0, null, "{}");
            advisor.await("sys.pong");
            // a pause later the customer may send again: a budget, not a ban
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                    .until(() -> sendOnANewSocket(id, credential, 1000) == 0);
        }
    }

    @Test
    void aConnectLoopIsClosedWith4429OnceTheConnectBurstIsSpent() {
        JsonPath created = newSession(ADVISOR1, "Connecting Con " + UUID.randomUUID());
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        try (RelayClient advisor = RelayClient.staff(base, id, ADVISOR1).hello()) {
            int code = 0;
            int welcomed = 0;
            for (int socket = 0; socket < 3 * CONNECT_BURST && code == 0; socket++) {
                code = sendOnANewSocket(id, credential, 0);
                welcomed += code == 0 ? 1 : 0;
            }
            assertEquals(4429, code, "connecting over and over is refused (" + welcomed + " sockets welcomed)");
            assertTrue(welcomed >= CONNECT_BURST && welcomed <= 2 * CONNECT_BURST, welcomed + " sockets welcomed");
            assertFalse(advisor.isClosed(), "the other side of the session stays connected");
            advisor.send("sys.ping", 0, null, "{}");
            advisor.await("sys.pong");
        }
    }

    /**
     * Connects as the customer, says hello and, if {@code bytes} is not 0, sends a snapshot of that size; then closes.
     * Returns the code the server closed with, or 0 if the socket took everything.
     */
    private int sendOnANewSocket(String id, String credential, int bytes) {
        try (RelayClient customer = RelayClient.customer(base, id, credential)) {
            try {
                customer.send("sys.hello", 0, null, "{\"epoch\":\"" + UUID.randomUUID().toString().replace("-", "")
                        + "\",\"resume\":0}");
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> customer.isClosed() || customer.types().contains("sys.welcome"));
                if (bytes > 0 && !customer.isClosed()) {
                    customer.sendReliable("dom.snap", null, "x".repeat(bytes));
                }
                if (!customer.isClosed()) {
                    customer.send("sys.ping", 0, null, "{}");
                }
            } catch (CompletionException closedWhileSending) {
                // the server may close the socket before the client has finished sending: that is the point
            }
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> customer.isClosed() || customer.types().contains("sys.pong"));
            return customer.isClosed() ? customer.closeCode(1) : 0;
        }
    }
}

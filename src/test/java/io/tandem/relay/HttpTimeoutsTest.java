package io.tandem.relay;

import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.RawSocket;
import io.tandem.testing.RelayClient;
import io.tandem.testing.TestTokens;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Half-open HTTP requests are closed by the server's idle time-out; a relay socket in use is not. */
@QuarkusTest
@TestProfile(HttpTimeoutsTest.ShortIdleTimeout.class)
class HttpTimeoutsTest {

    /** The production time-out is 40 s; two seconds here so the test is short. */
    public static class ShortIdleTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.idle-timeout", "2s");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void halfOpenRequestsAreClosedWithinTheIdleTimeout() throws Exception {
        List<RawSocket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                RawSocket raw = RawSocket.open(base);
                raw.write(("GET /api/sessions HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + i + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII)); // and never the blank line that ends the headers
                slow.add(raw);
            }
            long started = System.nanoTime();
            for (RawSocket raw : slow) {
                assertTrue(raw.endsWithin(6000), "a half-open request is closed by the server");
            }
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(took < 6000, "all closed within " + took + " ms");
        } finally {
            for (RawSocket raw : slow) {
                raw.close();
            }
        }
    }

    @Test
    void aRelaySocketThatKeepsTalkingOutlivesTheIdleTimeout() {
        String advisor = TestTokens.advisor1();
        JsonPath created = newSession(advisor, "Chatty Chad");
        String credential = admit(created.getString("code"));
        try (RelayClient customer = RelayClient.customer(base, created.getString("id"), credential).hello()) {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < until) { // pings every half second, as the browser client does every 5 s
                customer.send("sys.ping", 0, null, "{}");
                customer.await("sys.pong");
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
            }
            assertFalse(customer.isClosed(), "a relay socket in use is not cut by the HTTP idle time-out");
        }
    }
}

package io.tandem.security;

import io.tandem.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import io.tandem.config.TandemConfig;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JoinRateLimiterTest {

    private static final String CLIENT = "203.0.113.7";
    private static final String OTHER_CLIENT = "198.51.100.4";

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private final JoinRateLimiter limiter = new JoinRateLimiter(config(5, 100), clock);

    @Test
    void unknownClientIsAllowed() {
        assertDoesNotThrow(() -> limiter.check(CLIENT));
    }

    @Test
    void fourFailuresAreStillAllowed() {
        fail(CLIENT, 4);

        assertDoesNotThrow(() -> limiter.check(CLIENT));
    }

    @Test
    void fiveFailuresRateLimitTheClientWithARetryAfter() {
        fail(CLIENT, 5);

        ProblemException e = assertThrows(ProblemException.class, () -> limiter.check(CLIENT));
        assertEquals(ProblemType.RATE_LIMITED, e.type());
        assertTrue(e.retryAfter().compareTo(Duration.ZERO) > 0, e.retryAfter().toString());
        assertTrue(e.retryAfter().compareTo(Duration.ofSeconds(60)) <= 0, e.retryAfter().toString());
    }

    @Test
    void retryAfterCountsFromTheOldestFailureInTheWindow() {
        for (int i = 0; i < 5; i++) {
            limiter.recordFailure(CLIENT);
            clock.advance(Duration.ofSeconds(10));
        }
        // failures at 0, 10, 20, 30, 40 s; now 50 s: the first leaves the window at 60 s

        ProblemException e = assertThrows(ProblemException.class, () -> limiter.check(CLIENT));
        assertEquals(Duration.ofSeconds(10), e.retryAfter());

        clock.advance(Duration.ofSeconds(11));
        assertDoesNotThrow(() -> limiter.check(CLIENT));
    }

    @Test
    void anotherClientIsUnaffected() {
        fail(CLIENT, 5);

        assertDoesNotThrow(() -> limiter.check(OTHER_CLIENT));
    }

    @Test
    void clientIsAllowedAgainOnceTheWindowHasPassed() {
        fail(CLIENT, 5);

        clock.advance(Duration.ofSeconds(61));

        assertDoesNotThrow(() -> limiter.check(CLIENT));
    }

    @Test
    void purgeDropsIdleClientsAndKeepsRecentOnes() {
        fail(CLIENT, 2);
        clock.advance(Duration.ofSeconds(61));
        fail(OTHER_CLIENT, 1);

        limiter.purge();

        assertEquals(1, limiter.trackedClients());
        fail(OTHER_CLIENT, 4);
        assertThrows(ProblemException.class, () -> limiter.check(OTHER_CLIENT));
    }

    @Test
    void trackedClientsStayWithinTheCap() {
        JoinRateLimiter capped = new JoinRateLimiter(config(5, 10), clock);

        for (int i = 0; i < 1000; i++) {
            capped.recordFailure("10.0." + i / 256 + "." + i % 256);
            assertTrue(capped.trackedClients() <= 10, "tracked " + capped.trackedClients() + " after client " + i);
        }
    }

    @Test
    void cappedLimiterStillLimitsTheNewestClient() {
        JoinRateLimiter capped = new JoinRateLimiter(config(5, 10), clock);
        for (int i = 0; i < 1000; i++) {
            capped.recordFailure("10.0." + i / 256 + "." + i % 256);
        }

        for (int i = 0; i < 5; i++) {
            capped.recordFailure(CLIENT);
        }

        assertThrows(ProblemException.class, () -> capped.check(CLIENT));
    }

    private void fail(String client, int times) {
        for (int i = 0; i < times; i++) {
            limiter.recordFailure(client);
        }
    }

    private static TandemConfig config(int maxFailures, int maxClients) {
        TandemConfig.Join join = stub(TandemConfig.Join.class,
                Map.of("maxFailuresPerMinute", maxFailures, "maxTrackedClients", maxClients));
        return stub(TandemConfig.class, Map.of("join", join));
    }

    /**
     * A config interface answering only the named methods. A proxy rather than an anonymous class, so settings added
     * to TandemConfig later do not break this test's compilation.
     */
    private static <T> T stub(Class<T> type, Map<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
            if (answers.containsKey(method.getName())) {
                return answers.get(method.getName());
            }
            if (method.getName().equals("toString")) {
                return type.getSimpleName() + answers;
            }
            throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName() + " is not stubbed");
        }));
    }

}

package io.tandem.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import io.tandem.testing.MutableClock;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The join guard on the real Redis of this machine (127.0.0.1:6379, TANDEM_REDIS_URL): two guards stand for two nodes
 * sharing it. Every test uses keys of its own.
 */
class JoinGuardTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private static Vertx vertx;
    private static Redis redis;
    private static Redis nowhere;

    private final MutableClock clock = new MutableClock(Instant.now());
    private final String prefix = "tandem-test:" + UUID.randomUUID() + ":join:";

    @BeforeAll
    static void connect() {
        vertx = Vertx.vertx();
        redis = Redis.createClient(vertx,
                new RedisOptions().setConnectionString(System.getenv().getOrDefault("TANDEM_REDIS_URL",
                        "redis://127.0.0.1:6379")).setMaxWaitingHandlers(32768).setMaxPoolWaiting(1024)); // as the app's client
        // a port nothing listens on: Redis is away
        nowhere = Redis.createClient(vertx, new RedisOptions().setConnectionString("redis://127.0.0.1:1"));
    }

    @AfterAll
    static void close() {
        redis.close();
        nowhere.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private JoinGuard node(Redis client) {
        return new JoinGuard(() -> client, clock, prefix, 5, 30, 1000);
    }

    private static JoinGuard.Attempt attempt(JoinGuard guard, String client, boolean code) {
        return guard.attempt(client, code).await().atMost(WAIT);
    }

    private static ProblemException refused(JoinGuard guard, String client, boolean code) {
        ProblemException e = assertThrows(ProblemException.class, () -> attempt(guard, client, code));
        assertEquals(ProblemType.RATE_LIMITED, e.type());
        assertTrue(e.retryAfter().compareTo(Duration.ZERO) > 0
                && e.retryAfter().compareTo(Duration.ofSeconds(60)) <= 0, e.retryAfter().toString());
        return e;
    }

    @Test
    void wrongTriesFromOneAddressAreCountedAcrossNodes() {
        JoinGuard a = node(redis);
        JoinGuard b = node(redis);
        for (int i = 0; i < 3; i++) {
            attempt(a, "203.0.113.7", true);
        }
        attempt(b, "203.0.113.7", true);
        attempt(b, "203.0.113.7", false);
        refused(a, "203.0.113.7", true);
        refused(b, "203.0.113.7", false);
        attempt(b, "198.51.100.4", true); // another address is unaffected

        clock.advance(Duration.ofSeconds(61));
        attempt(a, "203.0.113.7", true);
    }

    @Test
    void aRightCodeIsTakenBack() {
        JoinGuard a = node(redis);
        for (int i = 0; i < 4; i++) {
            attempt(a, "203.0.113.8", true);
        }
        attempt(a, "203.0.113.8", true).succeeded().await().atMost(WAIT);
        attempt(a, "203.0.113.8", true); // the fifth wrong try
        refused(a, "203.0.113.8", true);
    }

    @Test
    void wrongCodesFromManyAddressesExhaustTheServiceWideBudgetOnEveryNodeButLinksGoOn() {
        JoinGuard a = node(redis);
        JoinGuard b = node(redis);
        // 30 addresses, one wrong code each, spread over two nodes
        for (int i = 0; i < 30; i++) {
            attempt(i % 2 == 0 ? a : b, "192.0.2." + i, true);
        }
        ProblemException e = refused(b, "192.0.2.200", true);
        assertTrue(e.getMessage().contains("Use the link"), e.getMessage());
        attempt(a, "192.0.2.201", false); // a link (256-bit token) is not a code
        refused(a, "192.0.2.202", true);
        // the refused code of a fresh address did not use up that address's own tries
        for (int i = 0; i < 5; i++) {
            attempt(a, "192.0.2.200", false);
        }
    }

    @Test
    void concurrentWrongCodesFromOneAddressGetExactlyTheLimitThrough() {
        JoinGuard a = node(redis);
        JoinGuard b = node(redis);
        List<Uni<Boolean>> all = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            all.add((i % 2 == 0 ? a : b).attempt("203.0.113.9", true).map(x -> true)
                    .onFailure(ProblemException.class).recoverWithItem(false));
        }
        List<Boolean> answers = Uni.join().all(all).andFailFast().await().atMost(Duration.ofSeconds(20));
        assertEquals(5, answers.stream().filter(Boolean::booleanValue).count());
    }

    @Test
    void aBurstBeyondThePoolsQueueIsRefusedNotCountedHere() {
        Redis narrow = Redis.createClient(vertx, new RedisOptions().setConnectionString(System.getenv()
                .getOrDefault("TANDEM_REDIS_URL", "redis://127.0.0.1:6379")).setMaxPoolSize(1).setMaxPoolWaiting(2));
        try {
            JoinGuard a = node(narrow);
            List<Uni<Boolean>> all = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                all.add(a.attempt("203.0.113.11", true).map(x -> true)
                        .onFailure(ProblemException.class).recoverWithItem(false));
            }
            List<Boolean> answers = Uni.join().all(all).andFailFast().await().atMost(Duration.ofSeconds(20));
            long through = answers.stream().filter(Boolean::booleanValue).count();
            assertTrue(through >= 1 && through <= 5, through + " tries through");
        } finally {
            narrow.close();
        }
    }

    @Test
    void whileRedisIsAwayEachNodeStillLimitsOnItsOwn() {
        JoinGuard a = node(nowhere);
        for (int i = 0; i < 5; i++) {
            attempt(a, "203.0.113.10", true);
        }
        refused(a, "203.0.113.10", true);
        assertEquals(2, a.trackedHere(), "the address and the codes are counted here");
    }
}

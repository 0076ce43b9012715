package io.tandem.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One-time handoff codes on the real Redis of this machine (127.0.0.1:6379, TANDEM_REDIS_URL): two instances stand for
 * two nodes sharing it; a client on a closed port stands for Redis away.
 */
class HandoffCodesTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private static Vertx vertx;
    private static Redis redis;
    private static Redis nowhere;

    private final MutableClock clock = new MutableClock(Instant.now());

    @BeforeAll
    static void connect() {
        vertx = Vertx.vertx();
        redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(
                System.getenv().getOrDefault("TANDEM_REDIS_URL", "redis://127.0.0.1:6379")).setMaxPoolWaiting(1024));
        nowhere = Redis.createClient(vertx, new RedisOptions().setConnectionString("redis://127.0.0.1:1"));
    }

    @AfterAll
    static void close() {
        redis.close();
        nowhere.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aCodeIssuedOnOneNodeIsExchangedOnAnotherExactlyOnce() {
        HandoffCodes a = new HandoffCodes(() -> redis, clock);
        HandoffCodes b = new HandoffCodes(() -> redis, clock);
        HandoffCodes.Issued issued = a.issue("the credential").await().atMost(WAIT);
        assertTrue(issued.code().matches(HandoffCodes.CODE_PATTERN), issued.code());
        assertEquals(clock.instant().plus(HandoffCodes.TTL), issued.expiresAt());
        assertEquals("the credential", b.exchange(issued.code()).await().atMost(WAIT));
        assertNull(a.exchange(issued.code()).await().atMost(WAIT), "a second exchange gets nothing");
        assertNull(b.exchange(issued.code()).await().atMost(WAIT));
    }

    @Test
    void manyExchangesOfOneCodeAtOnceHandItOverOnce() throws Exception {
        HandoffCodes node = new HandoffCodes(() -> redis, clock);
        String code = node.issue("once").await().atMost(WAIT).code();
        List<CompletableFuture<String>> tries = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tries.add(new HandoffCodes(() -> redis, clock).exchange(code).subscribeAsCompletionStage());
        }
        long handedOver = 0;
        for (CompletableFuture<String> t : tries) {
            if ("once".equals(t.get(5, java.util.concurrent.TimeUnit.SECONDS))) {
                handedOver++;
            }
        }
        assertEquals(1, handedOver);
    }

    @Test
    void aCodeNobodyIssuedGetsNothing() {
        HandoffCodes node = new HandoffCodes(() -> redis, clock);
        assertNull(node.exchange("A".repeat(43)).await().atMost(WAIT));
    }

    @Test
    void whileRedisIsAwayANodeKeepsItsCodesItselfAndTheyStillWorkOnceAndExpire() {
        HandoffCodes node = new HandoffCodes(() -> nowhere, clock);
        String first = node.issue("kept here").await().atMost(WAIT).code();
        assertEquals(1, node.keptHere());
        assertEquals("kept here", node.exchange(first).await().atMost(WAIT));
        // not kept here any more, and Redis (where another node's codes are) cannot be asked: 503, never the value
        ProblemException away = assertThrows(ProblemException.class, () -> node.exchange(first).await().atMost(WAIT));
        assertEquals(ProblemType.UNAVAILABLE, away.type());
        String late = node.issue("too late").await().atMost(WAIT).code();
        clock.advance(HandoffCodes.TTL.plusSeconds(1));
        assertNull(node.exchange(late).await().atMost(WAIT), "expired after the TTL");
        node.issue("left").await().atMost(WAIT);
        clock.advance(HandoffCodes.TTL.plusSeconds(1));
        node.purge();
        assertEquals(0, node.keptHere(), "codes never exchanged are forgotten");
    }

    @Test
    void withoutRedisCodesStayInTheNode() {
        HandoffCodes node = new HandoffCodes(null, clock);
        String code = node.issue("local").await().atMost(WAIT).code();
        assertEquals("local", node.exchange(code).await().atMost(WAIT));
        assertNull(node.exchange(code).await().atMost(WAIT));
    }
}

package io.tandem.relay.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge's subscriptions on the real Redis of this machine (TANDEM_REDIS_URL): a channel is heard once
 * {@code subscribe} completes, and a heartbeat that looked at the rooms just before a connection was admitted does not
 * take that connection's channel away (run G of the gate lost an attached advisor's hello that way).
 */
class RedisLinkTest {

    private Vertx vertx;
    private Redis redis;
    private RedisLink link;
    private final BlockingQueue<String> heard = new LinkedBlockingQueue<>();

    @BeforeEach
    void connect() throws Exception {
        vertx = Vertx.vertx();
        redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(System.getenv().getOrDefault(
                "TANDEM_REDIS_URL", "redis://127.0.0.1:6379")));
        link = new RedisLink(() -> redis, "link-test-" + UUID.randomUUID(), r -> {
            if (r.size() >= 3 && "message".equals(r.get(0).toString())) {
                heard.add(r.get(2).toString());
            }
        }, () -> {}, () -> {});
        link.connect();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!link.connected() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(link.connected(), "connected to Redis");
    }

    @AfterEach
    void close() {
        link.stop();
        redis.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private long subscribers(UUID session) throws Exception {
        Response r = redis.send(Request.cmd(Command.PUBSUB).arg("NUMSUB").arg(RedisLink.channel(session)))
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        return r.get(1).toLong();
    }

    private void publish(UUID session, String text) throws Exception {
        redis.send(Request.cmd(Command.PUBLISH).arg(RedisLink.channel(session)).arg(Buffer.buffer(text)))
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aChannelIsHeardOnceItsSubscriptionCompletes() throws Exception {
        UUID session = UUID.randomUUID();
        link.subscribe(session).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(1, subscribers(session), "Redis confirmed the subscription before it completed");
        publish(session, "first");
        assertEquals("first", heard.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void aHeartbeatThatLookedBeforeAConnectionWasAdmittedKeepsItsChannel() throws Exception {
        UUID session = UUID.randomUUID();
        link.subscribe(session).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        // the heartbeat saw no room for the session: it was being admitted; its channel stays while settling
        link.subscribeOnly(Set.of(), Duration.ofSeconds(30));
        publish(session, "hello from another node");
        assertEquals("hello from another node", heard.poll(5, TimeUnit.SECONDS));
        assertEquals(1, subscribers(session));
    }

    @Test
    void aChannelNoLongerWantedAfterItSettledIsLeft() throws Exception {
        UUID session = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        link.subscribe(session).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        link.subscribe(kept).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        link.subscribeOnly(Set.of(kept), Duration.ZERO);
        // the UNSUBSCRIBE goes out on the subscriber connection before a subscription asked for after it
        link.subscribe(UUID.randomUUID()).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(0, subscribers(session), "left");
        assertEquals(1, subscribers(kept), "still wanted");
    }
}

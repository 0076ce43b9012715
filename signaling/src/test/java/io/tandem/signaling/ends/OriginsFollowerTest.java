package io.tandem.signaling.ends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.signaling.WebSocketOrigins;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The standalone server allows the configured origins plus those the app keeps in the Redis key
 * tandem:signaling:origins: added and removed as the key changes, the configured ones alone without it, and the last
 * ones read while Redis is away.
 */
class OriginsFollowerTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final WebSocketOrigins CONFIGURED = WebSocketOrigins.of(List.of("https://tandem.example"));

    private static void await(AtomicReference<WebSocketOrigins> applied, Set<String> expected) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!isSet(applied, expected) && System.nanoTime() < deadline) {
            Thread.sleep(20); // polling for the follower's next read
        }
        assertEquals(expected, applied.get() == null ? null : applied.get().allowed());
    }

    private static boolean isSet(AtomicReference<WebSocketOrigins> applied, Set<String> expected) {
        return applied.get() != null && applied.get().allowed().equals(expected);
    }

    @Test
    void originsTheAppAddsAndRemovesAreFollowedBesideTheConfiguredOnes() throws Exception {
        AtomicReference<WebSocketOrigins> applied = new AtomicReference<>();
        try (OwnRedis redis = new OwnRedis();
                OriginsFollower follower = new OriginsFollower(URI.create(redis.url()), CONFIGURED, applied::set,
                        Duration.ofMillis(50)).start()) {
            await(applied, Set.of("https://tandem.example"));
            redis.command("SET", OriginsFollower.KEY, "https://tandem.example,https://WWW.Insurer.example/,nonsense");
            await(applied, Set.of("https://tandem.example", "https://www.insurer.example"));
            redis.command("SET", OriginsFollower.KEY, "https://tandem.example");
            await(applied, Set.of("https://tandem.example"));
            redis.command("SET", OriginsFollower.KEY, "https://new.example");
            await(applied, Set.of("https://tandem.example", "https://new.example"));
            redis.command("DEL", OriginsFollower.KEY);
            await(applied, Set.of("https://tandem.example"));
        }
    }

    @Test
    void whileRedisIsAwayTheLastOriginsReadStay() throws Exception {
        AtomicReference<WebSocketOrigins> applied = new AtomicReference<>();
        OwnRedis redis = new OwnRedis();
        int port = redis.port;
        try (OriginsFollower follower = new OriginsFollower(URI.create(redis.url()), CONFIGURED, applied::set,
                Duration.ofMillis(50)).start()) {
            redis.command("SET", OriginsFollower.KEY, "https://added.example");
            await(applied, Set.of("https://tandem.example", "https://added.example"));
            redis.close();
            int failed = follower.failures();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (follower.failures() < failed + 3 && System.nanoTime() < deadline) {
                Thread.sleep(20); // polling for reads that failed
            }
            assertTrue(follower.failures() >= failed + 3, "reads failed while Redis was away");
            assertEquals(Set.of("https://tandem.example", "https://added.example"), applied.get().allowed());
            // a restarted Redis without the key: back to the configured ones
            try (OwnRedis again = new OwnRedis(port)) {
                await(applied, Set.of("https://tandem.example"));
            }
        }
    }
}

package io.tandem.signaling.ends;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ended calls reach the app as entries of the Redis stream tandem:signaling:calls (session id and milliseconds), in
 * the order they ended, once each; reports made while Redis is away wait and are appended when it is back.
 */
class CallSecondsPublisherTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    /** The stream's entries as "session:ms", oldest first. */
    private static List<String> entries(OwnRedis redis) throws Exception {
        List<String> out = new ArrayList<>();
        Object range = redis.command("XRANGE", CallSecondsPublisher.STREAM, "-", "+");
        for (Object entry : (List<?>) range) {
            List<?> fields = (List<?>) ((List<?>) entry).get(1);
            out.add(fields.get(1) + ":" + fields.get(3));
        }
        return out;
    }

    private static List<String> awaitEntries(OwnRedis redis, int count) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> got = entries(redis);
        while (got.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20); // polling the stream
            got = entries(redis);
        }
        return got;
    }

    @Test
    void eachEndedCallIsOneEntryWithItsSessionAndLength() throws Exception {
        try (OwnRedis redis = new OwnRedis();
                CallSecondsPublisher calls = new CallSecondsPublisher(URI.create(redis.url())).start()) {
            calls.callEnded("s-1", Duration.ofMillis(61_500));
            calls.callEnded("s-2", Duration.ofSeconds(3));
            assertEquals(List.of("s-1:61500", "s-2:3000"), awaitEntries(redis, 2));
        }
    }

    @Test
    void reportsMadeWhileRedisIsAwayAreAppendedWhenItIsBack() throws Exception {
        int port;
        try (OwnRedis probe = new OwnRedis()) {
            port = probe.port;
        }
        try (CallSecondsPublisher calls = new CallSecondsPublisher(URI.create("redis://127.0.0.1:" + port))
                .start()) {
            calls.callEnded("s-3", Duration.ofSeconds(42));
            try (OwnRedis redis = new OwnRedis(port)) {
                assertEquals(List.of("s-3:42000"), awaitEntries(redis, 1));
            }
        }
    }
}

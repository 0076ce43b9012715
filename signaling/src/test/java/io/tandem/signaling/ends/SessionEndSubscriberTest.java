package io.tandem.signaling.ends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The standalone server's Redis subscription: it hears ended sessions, and comes back when Redis does. */
class SessionEndSubscriberTest {

    private final BlockingQueue<String> ended = new LinkedBlockingQueue<>();

    @Test
    void subscribesOnceRedisIsThereAndAgainAfterARestart() throws Exception {
        int port = OwnRedis.freePort();
        try (SessionEndSubscriber subscriber = new SessionEndSubscriber(URI.create("redis://127.0.0.1:" + port),
                ended::add).start()) {
            assertFalse(subscriber.subscribed(), "no Redis yet");
            try (OwnRedis redis = new OwnRedis(port)) {
                await(subscriber::subscribed, Duration.ofSeconds(10));
                assertEquals(1, redis.publish(SessionEndSubscriber.CHANNEL, "s-1"));
                assertEquals("s-1", ended.poll(5, TimeUnit.SECONDS));
                assertEquals(0, redis.publish("another-channel", "s-2"));
            }
            await(() -> !subscriber.subscribed(), Duration.ofSeconds(10));
            try (OwnRedis again = new OwnRedis(port)) {
                await(subscriber::subscribed, Duration.ofSeconds(10));
                again.publish(SessionEndSubscriber.CHANNEL, "s-3");
                assertEquals("s-3", ended.poll(5, TimeUnit.SECONDS), "only ends published while subscribed arrive");
            }
        }
    }

    @Test
    void hearsSeatChangesBesideEndedSessions() throws Exception {
        int port = OwnRedis.freePort();
        BlockingQueue<String> seats = new LinkedBlockingQueue<>();
        try (OwnRedis redis = new OwnRedis(port);
                SessionEndSubscriber subscriber = new SessionEndSubscriber(URI.create("redis://127.0.0.1:" + port),
                        ended::add, (session, participant, in) -> seats.add((in ? "in " : "out ") + session + "/"
                                + participant))
                        .start()) {
            await(subscriber::subscribed, Duration.ofSeconds(10));
            assertEquals(1, redis.publish(SessionEndSubscriber.SEAT_CHANNEL, "out s-1 staff-7"));
            assertEquals("out s-1/staff-7", seats.poll(5, TimeUnit.SECONDS));
            redis.publish(SessionEndSubscriber.SEAT_CHANNEL, "sideways s-1 staff-7"); // not a change: ignored
            redis.publish(SessionEndSubscriber.SEAT_CHANNEL, "in s-1 staff-7");
            assertEquals("in s-1/staff-7", seats.poll(5, TimeUnit.SECONDS));
            redis.publish(SessionEndSubscriber.CHANNEL, "s-1");
            assertEquals("s-1", ended.poll(5, TimeUnit.SECONDS));
            assertTrue(seats.isEmpty(), "a session's end is not a seat change: " + seats);
        }
    }

    @Test
    void readsResp() throws IOException {
        assertEquals(List.of("message", "tandem:signaling:session-ended", "s-1"), read(
                "*3\r\n$7\r\nmessage\r\n$30\r\ntandem:signaling:session-ended\r\n$3\r\ns-1\r\n"));
        assertEquals("OK", read("+OK\r\n"));
        assertEquals(3L, read(":3\r\n"));
        assertEquals(null, read("$-1\r\n"));
        assertThrows(IOException.class, () -> read("-NOAUTH Authentication required.\r\n"));
        assertThrows(IOException.class, () -> read("$5\r\nab"));
        assertThrows(IOException.class, () -> read("$99999999\r\n"));
        assertThrows(IOException.class, () -> read("?\r\n"));
    }

    @Test
    void refusesUrlsThatAreNotRedis() {
        for (String url : List.of("http://redis:6379", "redis:6379", "tcp://redis")) {
            assertThrows(IllegalArgumentException.class, () -> new SessionEndSubscriber(URI.create(url), id -> {}));
        }
    }

    private static Object read(String resp) throws IOException {
        return SessionEndSubscriber.read(new ByteArrayInputStream(resp.getBytes(StandardCharsets.UTF_8)));
    }

    private static void await(BooleanSupplier condition, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met within " + within);
            Thread.sleep(20); // polling the condition
        }
    }
}

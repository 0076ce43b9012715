package io.tandem.signaling.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.junit.jupiter.api.Test;

/** One outstanding send at a time, in order, and never more than the bound waiting. */
class OutboxTest {

    /** A session whose writes complete only when the test says so. */
    private static final class Writes {
        final List<String> texts = new ArrayList<>();
        final List<Callback> pending = new ArrayList<>();
        final AtomicInteger outstanding = new AtomicInteger();
        int maxOutstanding;
        boolean completeAtOnce;

        Session session() {
            return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[]{Session.class},
                    (proxy, method, args) -> {
                        if (!method.getName().equals("sendText")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        texts.add((String) args[0]);
                        maxOutstanding = Math.max(maxOutstanding, outstanding.incrementAndGet());
                        Callback callback = (Callback) args[1];
                        if (completeAtOnce) {
                            outstanding.decrementAndGet();
                            callback.succeed();
                        } else {
                            pending.add(callback);
                        }
                        return null;
                    });
        }

        void completeOne() {
            Callback callback = pending.remove(0);
            outstanding.decrementAndGet();
            callback.succeed();
        }
    }

    @Test
    void sendsOneAtATimeInOrder() {
        Writes writes = new Writes();
        Outbox outbox = new Outbox(writes.session(), 1000);

        for (int i = 0; i < 5; i++) {
            assertTrue(outbox.offer("m" + i));
        }
        assertEquals(List.of("m0"), writes.texts, "only the first is written until it completes");
        while (!writes.pending.isEmpty()) {
            writes.completeOne();
        }

        assertEquals(List.of("m0", "m1", "m2", "m3", "m4"), writes.texts);
        assertEquals(1, writes.maxOutstanding);
        assertEquals(0, outbox.queuedBytes());
    }

    @Test
    void writesThatCompleteAtOnceDoNotRecurse() {
        Writes writes = new Writes();
        writes.completeAtOnce = true;
        Outbox outbox = new Outbox(writes.session(), 1_000_000);

        for (int i = 0; i < 100_000; i++) {
            outbox.offer("m");
        }

        assertEquals(100_000, writes.texts.size());
        assertEquals(1, writes.maxOutstanding);
    }

    @Test
    void refusesPastTheBoundCountingTheMessageBeingWrittenThenDropsEverything() {
        Writes writes = new Writes();
        Outbox outbox = new Outbox(writes.session(), 10);

        assertTrue(outbox.offer("0123")); // being written: still counts
        assertTrue(outbox.offer("45678"));
        assertEquals(9, outbox.queuedBytes());
        assertFalse(outbox.offer("é")); // two more UTF-8 bytes: 11 > 10

        assertEquals(4, outbox.queuedBytes(), "only the message being written is left");
        writes.completeOne();
        assertTrue(writes.pending.isEmpty(), "nothing more is written once closed");
        assertEquals(List.of("0123"), writes.texts);
        assertEquals(0, outbox.queuedBytes());
        assertTrue(outbox.offer("ignored"), "a closed outbox drops silently");
    }

    @Test
    void aFailedWriteStopsTheOutbox() {
        Writes writes = new Writes();
        Outbox outbox = new Outbox(writes.session(), 100);
        outbox.offer("a");
        outbox.offer("b");

        writes.pending.remove(0).fail(new ClosedChannelException());

        outbox.offer("c");
        assertEquals(List.of("a"), writes.texts);
    }

    @Test
    void countsUtf8Bytes() {
        assertEquals(0, Utf8.length(""));
        assertEquals(3, Utf8.length("abc"));
        assertEquals(2, Utf8.length("é"));
        assertEquals(3, Utf8.length("€"));
        assertEquals(4, Utf8.length("😀"));
        assertEquals(3, Utf8.length("\uD800"), "a lone surrogate is counted as its replacement");
    }
}

package io.tandem.signaling.socket;

import java.util.ArrayDeque;
import org.eclipse.jetty.util.IteratingCallback;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One peer's outbound queue: at most one {@code sendText} outstanding (Jetty throws {@code WritePendingException}
 * otherwise), the next one started from the previous one's callback, and at most {@code limitBytes} waiting (the
 * message being written included). {@link IteratingCallback} serialises the sends without recursion when a write
 * completes at once.
 */
final class Outbox extends IteratingCallback {

    private record Entry(String text, long bytes) {}

    private final Session session;
    private final long limitBytes;
    private final ArrayDeque<Entry> queue = new ArrayDeque<>();
    private long queuedBytes;
    private long writingBytes;
    private boolean closed;

    Outbox(Session session, long limitBytes) {
        this.session = session;
        this.limitBytes = limitBytes;
    }

    /** Queues the text; false (and the outbox closes) when it would pass the bound. A closed outbox drops silently. */
    boolean offer(String text) {
        long bytes = Utf8.length(text);
        synchronized (queue) {
            if (closed) {
                return true;
            }
            if (queuedBytes + bytes > limitBytes) {
                closeLocked();
                return false;
            }
            queue.add(new Entry(text, bytes));
            queuedBytes += bytes;
        }
        iterate();
        return true;
    }

    /** Drops what is queued; the message being written (if any) still goes out, before the close frame. */
    void drop() {
        synchronized (queue) {
            closeLocked();
        }
    }

    /** Bytes waiting or being written (for tests and the bound). */
    long queuedBytes() {
        synchronized (queue) {
            return queuedBytes;
        }
    }

    @Override
    protected Action process() {
        Entry next;
        synchronized (queue) {
            queuedBytes -= writingBytes;
            writingBytes = 0;
            next = closed ? null : queue.poll();
            if (next == null) {
                return Action.IDLE;
            }
            writingBytes = next.bytes();
        }
        session.sendText(next.text(), Callback.from(this::succeeded, this::failed));
        return Action.SCHEDULED;
    }

    @Override
    protected void onCompleteFailure(Throwable cause) {
        // The connection failed or was closed under us; Jetty reports it to the endpoint, which leaves the room.
        drop();
    }

    private void closeLocked() {
        closed = true;
        queue.clear();
        queuedBytes = writingBytes;
    }
}

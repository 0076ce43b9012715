package io.tandem.signaling.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One benchmark peer, driven by callbacks (no thread of its own): hands each received message to its room, and sends
 * through a queue with one write outstanding (Jetty refuses a second). Each relayed message is stamped just before it
 * is handed to Jetty; the other peer pairs an arrival with the sender's oldest stamp of that type (one sender's
 * messages arrive in order, so the pairing is exact). Public for Jetty.
 */
public class BenchPeer implements Session.Listener.AutoDemanding {

    /** One relay latency sample. */
    public record Sample(String type, long nanos) {}

    private record Outgoing(String type, String json) {}

    /** A relayed message as sent: {@code at} ns after the round's start ({@link BenchRoom#roundStart}). */
    record Sent(long at, String json) {}

    /** What this peer did in its round, for the echo anchor to replay ({@link EchoReplay}). */
    record Script(long connectedAt, List<Sent> sent) {}

    private static final List<String> RELAYED = List.of("offer", "answer", "candidate", "mute", "hangup");

    final List<Sample> samples = new ArrayList<>();
    private final ArrayDeque<Long>[] stamps = newStamps();
    private final ArrayDeque<Outgoing> outgoing = new ArrayDeque<>();
    private final BiConsumer<BenchPeer, String> onMessage;
    private final ScheduledExecutorService pacer;
    private final int paceMillis;
    private boolean writing;
    private volatile BenchPeer other;
    private volatile Session session;
    int sent;
    private int received;
    private long connectedAt;
    private final List<Sent> log = new ArrayList<>();

    BenchPeer(BiConsumer<BenchPeer, String> onMessage, ScheduledExecutorService pacer, int paceMillis) {
        this.onMessage = onMessage;
        this.pacer = pacer;
        this.paceMillis = paceMillis;
    }

    void pairWith(BenchPeer peer) {
        this.other = peer;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
    }

    @Override
    public void onWebSocketText(String message) {
        long now = System.nanoTime();
        String type = typeOf(message);
        int relayed = RELAYED.indexOf(type);
        if (relayed >= 0) {
            Long sentAt = other.takeStamp(relayed);
            if (sentAt != null) {
                synchronized (samples) {
                    samples.add(new Sample(type, now - sentAt));
                }
            }
        }
        synchronized (this) {
            received++;
        }
        onMessage.accept(this, type);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, org.eclipse.jetty.websocket.api.Callback callback) {
        callback.succeed();
        onMessage.accept(this, "closed: " + statusCode + " " + reason);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        onMessage.accept(this, "error: " + cause);
    }

    /**
     * Queues the message; it is stamped and written once the previous write has completed and, when paced, after a
     * think time of 0 to 2 × pace ms (a browser takes time to create an offer or gather the next candidate).
     */
    void send(String type, String json) {
        synchronized (this) {
            outgoing.add(new Outgoing(type, json));
            if (writing) {
                return;
            }
            writing = true;
        }
        writeNext();
    }

    /** Called as the peer starts to connect. */
    synchronized void connecting() {
        connectedAt = System.nanoTime() - BenchRoom.roundStart;
    }

    synchronized Script script() {
        return new Script(connectedAt, List.copyOf(log));
    }

    synchronized int received() {
        return received;
    }

    void close() {
        session.close();
    }

    private void writeNext() {
        Outgoing next;
        synchronized (this) {
            next = outgoing.poll();
            if (next == null) {
                writing = false;
                return;
            }
        }
        if (paceMillis == 0) {
            write(next);
        } else {
            pacer.schedule(() -> write(next), ThreadLocalRandom.current().nextLong(2L * paceMillis * 1000 + 1),
                    TimeUnit.MICROSECONDS);
        }
    }

    private void write(Outgoing next) {
        synchronized (this) {
            sent++;
            int relayed = RELAYED.indexOf(next.type());
            if (relayed >= 0) {
                long now = System.nanoTime();
                stamps[relayed].add(now);
                log.add(new Sent(now - BenchRoom.roundStart, next.json()));
            }
        }
        session.sendText(next.json(), Callback.from(this::writeNext,
                failure -> onMessage.accept(this, "error: " + failure)));
    }

    private synchronized Long takeStamp(int relayed) {
        return stamps[relayed].poll();
    }

    private static String typeOf(String message) {
        int start = message.indexOf(":\"") + 2;
        return message.substring(start, message.indexOf('"', start));
    }

    @SuppressWarnings("unchecked")
    private static ArrayDeque<Long>[] newStamps() {
        ArrayDeque<Long>[] queues = new ArrayDeque[RELAYED.size()];
        for (int i = 0; i < queues.length; i++) {
            queues[i] = new ArrayDeque<>();
        }
        return queues;
    }
}

package io.tandem.signaling.bench;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One benchmark peer: stamps each message it sends and, when a relayed message arrives, takes the sender's oldest stamp
 * for that type (one sender's messages arrive in order, so the queue pairs them exactly). Public for Jetty.
 */
public class BenchPeer implements Session.Listener.AutoDemanding {

    /** One relay latency sample. */
    public record Sample(String type, long nanos) {}

    private static final String[] RELAYED = {"offer", "answer", "candidate", "mute", "hangup"};

    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    final Queue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final Map<String, Queue<Long>> stamps = new ConcurrentHashMap<>();
    private volatile BenchPeer other;
    private volatile Session session;
    int sent;

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
        if (isRelayed(type)) {
            Long sentAt = other.stamps.get(type).poll();
            if (sentAt != null) {
                samples.add(new Sample(type, now - sentAt));
            }
        }
        received.add(message);
    }

    /** Sends and waits until the frame is written; the stamp is taken just before handing it to Jetty. */
    void send(String type, String json) {
        stamps.computeIfAbsent(type, t -> new ConcurrentLinkedQueue<>()).add(System.nanoTime());
        Callback.Completable done = new Callback.Completable();
        session.sendText(json, done);
        done.orTimeout(10, TimeUnit.SECONDS).join();
        sent++;
    }

    /** Waits for the next message of the type (the server writes {@code type} first). */
    String await(String type) throws InterruptedException {
        String message = received.poll(10, TimeUnit.SECONDS);
        if (message == null || !type.equals(typeOf(message))) {
            throw new IllegalStateException("expected " + type + ", got " + message);
        }
        return message;
    }

    void close() {
        session.close();
    }

    private static String typeOf(String message) {
        int start = message.indexOf(":\"") + 2;
        return message.substring(start, message.indexOf('"', start));
    }

    private static boolean isRelayed(String type) {
        for (String relayed : RELAYED) {
            if (relayed.equals(type)) {
                return true;
            }
        }
        return false;
    }
}

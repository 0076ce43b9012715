package io.tandem.signaling.bench;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * Replays a signaling round against the echo server ({@link EchoServer}): every peer of the round becomes one echo
 * socket, opened at the moment the peer connected, and sends the same messages (same text, same size) at the moments
 * the peer sent them, relative to the round's start. So the echo carries the same load at the same rate and with the
 * same bursts as the signaling server did. Latency is taken as in {@link BenchPeer}: from just before {@code sendText}
 * to the arrival of the echo (one write outstanding per socket; one socket's messages come back in order).
 */
final class EchoReplay {

    private EchoReplay() {}

    /** Replays the round; returns the latency samples in ns once every echo has arrived. */
    static List<Long> round(List<BenchRoom> rooms, int port, WebSocketClient client, ScheduledExecutorService scheduler)
            throws Exception {
        URI uri = URI.create("ws://127.0.0.1:" + port + EchoServer.PATH);
        List<Peer> peers = new ArrayList<>();
        for (BenchRoom room : rooms) {
            peers.add(new Peer(room.advisor.script()));
            peers.add(new Peer(room.customer.script()));
        }
        long epoch = System.nanoTime();
        for (Peer peer : peers) {
            scheduler.schedule(() -> peer.connect(client, uri), at(epoch, peer.script.connectedAt()),
                    TimeUnit.NANOSECONDS);
            for (BenchPeer.Sent sent : peer.script.sent()) {
                scheduler.schedule(() -> peer.send(sent.json()), at(epoch, sent.at()), TimeUnit.NANOSECONDS);
            }
        }
        List<Long> samples = new ArrayList<>();
        for (Peer peer : peers) {
            peer.done.get(60, TimeUnit.SECONDS);
            samples.addAll(peer.samples);
            peer.session.close();
        }
        return samples;
    }

    /** The delay until {@code offset} ns after {@code epoch} (zero if that moment has passed). */
    private static long at(long epoch, long offset) {
        return Math.max(0, epoch + offset - System.nanoTime());
    }

    /** One echo socket standing in for one signaling peer. Public for Jetty. */
    public static final class Peer implements Session.Listener.AutoDemanding {

        final CompletableFuture<Void> done = new CompletableFuture<>();
        final List<Long> samples = new ArrayList<>();
        private final BenchPeer.Script script;
        private final ArrayDeque<String> outgoing = new ArrayDeque<>();
        private final ArrayDeque<Long> stamps = new ArrayDeque<>();
        private boolean writing = true; // until the socket is open
        private volatile Session session;

        Peer(BenchPeer.Script script) {
            this.script = script;
            if (script.sent().isEmpty()) {
                done.complete(null);
            }
        }

        void connect(WebSocketClient client, URI uri) {
            try {
                client.connect(this, new ClientUpgradeRequest(uri)).whenComplete((s, failure) -> {
                    if (failure != null) {
                        done.completeExceptionally(failure);
                    }
                });
            } catch (java.io.IOException e) {
                done.completeExceptionally(e);
            }
        }

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
            writeNext();
        }

        @Override
        public void onWebSocketText(String message) {
            long now = System.nanoTime();
            boolean all;
            synchronized (this) {
                Long sentAt = stamps.poll();
                if (sentAt != null) {
                    samples.add(now - sentAt);
                }
                all = samples.size() == script.sent().size();
            }
            if (all) {
                done.complete(null);
            }
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            done.completeExceptionally(cause);
        }

        void send(String json) {
            synchronized (this) {
                outgoing.add(json);
                if (writing) {
                    return;
                }
                writing = true;
            }
            writeNext();
        }

        private void writeNext() {
            String next;
            synchronized (this) {
                next = outgoing.poll();
                if (next == null) {
                    writing = false;
                    return;
                }
                stamps.add(System.nanoTime());
            }
            session.sendText(next, Callback.from(this::writeNext, done::completeExceptionally));
        }
    }
}

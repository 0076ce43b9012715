package io.tandem.signaling.bench;

import io.tandem.signaling.socket.SignalUpgrade;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * One room setup as a call makes it, driven by the messages that arrive (a state machine, no thread of its own): the
 * advisor joins and gets {@code welcome}; the customer joins, gets {@code welcome} and the advisor {@code peer-joined};
 * the advisor offers, the customer answers; both trickle C candidates and an end-of-candidates; once both have all of
 * the other's, both send {@code mute}; once both mutes have arrived the setup is done and both close.
 */
final class BenchRoom {

    /** The Origin header every bench peer sends, the one the bench server allows. */
    static final String ORIGIN = "http://bench.test";

    /** Rooms started and not yet done, and the most there were at once. */
    static final AtomicInteger IN_FLIGHT = new AtomicInteger();
    static final AtomicInteger PEAK_IN_FLIGHT = new AtomicInteger();

    /** System.nanoTime() when the current round started: what the peers' scripts are relative to. */
    static volatile long roundStart;

    final BenchPeer advisor;
    final BenchPeer customer;
    final CompletableFuture<BenchRoom> done = new CompletableFuture<>();
    private final String sessionId;
    private final String advisorToken;
    private final String customerToken;
    private final int candidates;
    private final URI uri;
    private final WebSocketClient client;
    private long start;
    long setupNanos;
    private boolean customerWelcomed;
    private boolean advisorPeerJoined;
    private int advisorCandidates;
    private int customerCandidates;
    private int mutes;
    private long received;

    BenchRoom(String sessionId, String advisorToken, String customerToken, int candidates, int port,
            WebSocketClient client, ScheduledExecutorService pacer, int paceMillis) {
        this.advisor = new BenchPeer(this::onMessage, pacer, paceMillis);
        this.customer = new BenchPeer(this::onMessage, pacer, paceMillis);
        this.sessionId = sessionId;
        this.advisorToken = advisorToken;
        this.customerToken = customerToken;
        this.candidates = candidates;
        this.uri = URI.create("ws://127.0.0.1:" + port + "/signal/" + sessionId);
        this.client = client;
        advisor.pairWith(customer);
        customer.pairWith(advisor);
    }

    void start() {
        synchronized (this) {
            start = System.nanoTime();
        }
        PEAK_IN_FLIGHT.accumulateAndGet(IN_FLIGHT.incrementAndGet(), Math::max);
        connect(advisor, advisorToken);
    }

    /** Messages both peers received until the setup was done. */
    long received() {
        return received;
    }

    private void connect(BenchPeer peer, String token) {
        peer.connecting();
        ClientUpgradeRequest request = new ClientUpgradeRequest(uri);
        request.setSubProtocols(SignalUpgrade.PROTOCOL, SignalUpgrade.BEARER_PREFIX + token);
        request.setHeader("Origin", ORIGIN);
        try {
            client.connect(peer, request).whenComplete((session, failure) -> {
                if (failure != null) {
                    fail(sessionId + ": connect failed: " + failure);
                }
            });
        } catch (java.io.IOException e) {
            fail(sessionId + ": connect failed: " + e);
        }
    }

    private void onMessage(BenchPeer peer, String type) {
        if (done.isDone()) {
            return; // peer-left and the closes after the setup
        }
        if (type.startsWith("error: ") || type.startsWith("closed: ")) {
            fail(sessionId + ": " + type);
            return;
        }
        boolean isAdvisor = peer == advisor;
        switch (type) {
            case "welcome" -> {
                if (isAdvisor) {
                    connect(customer, customerToken);
                } else {
                    callWhenBothJoined(false);
                }
            }
            case "peer-joined" -> callWhenBothJoined(true);
            case "offer" -> customer.send("answer", BenchMessages.answer("advisor-" + sessionId));
            case "answer" -> {
                for (int c = 0; c <= candidates; c++) {
                    advisor.send("candidate", BenchMessages.candidate("customer", c, candidates));
                    customer.send("candidate", BenchMessages.candidate("advisor-" + sessionId, c, candidates));
                }
            }
            case "candidate" -> {
                if (allCandidatesIn(isAdvisor)) {
                    advisor.send("mute", BenchMessages.mute(true, true));
                    customer.send("mute", BenchMessages.mute(true, false));
                }
            }
            case "mute" -> finishWhenBothMuted();
            default -> fail(sessionId + ": unexpected " + type);
        }
    }

    private void callWhenBothJoined(boolean peerJoined) {
        synchronized (this) {
            if (peerJoined) {
                advisorPeerJoined = true;
            } else {
                customerWelcomed = true;
            }
            if (!customerWelcomed || !advisorPeerJoined) {
                return;
            }
        }
        advisor.send("offer", BenchMessages.offer("customer"));
    }

    /** True exactly once: when this arrival completes both peers' candidates. */
    private synchronized boolean allCandidatesIn(boolean atAdvisor) {
        if (atAdvisor) {
            advisorCandidates++;
        } else {
            customerCandidates++;
        }
        return advisorCandidates + customerCandidates == 2 * (candidates + 1);
    }

    private void finishWhenBothMuted() {
        synchronized (this) {
            if (++mutes < 2) {
                return;
            }
            setupNanos = System.nanoTime() - start;
            received = advisor.received() + customer.received();
        }
        IN_FLIGHT.decrementAndGet();
        done.complete(this);
        advisor.close();
        customer.close();
    }

    private void fail(String why) {
        done.completeExceptionally(new IllegalStateException(why));
    }
}

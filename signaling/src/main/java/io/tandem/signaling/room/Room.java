package io.tandem.signaling.room;

import io.tandem.signaling.SignalingCloseCode;
import io.tandem.signaling.message.ClientMessage;
import io.tandem.signaling.message.MessageCodec;
import io.tandem.signaling.message.ServerMessage;
import io.tandem.signaling.message.ServerMessage.PeerInfo;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One session's signaling room, plain Java guarded by its own monitor: at most one advisor and one customer (the media
 * peers) plus any number of supervisors. Every delivery happens under the monitor, so each recipient sees presence and
 * relayed messages in the order the room decided them; a recipient whose queue is full is evicted as a slow consumer.
 */
public final class Room {

    /** The result of a join attempt. */
    enum Outcome {
        JOINED,
        FULL,
        RETIRED
    }

    private record Closing(Peer peer, SignalingCloseCode code) {}

    /** A media peer back within this time continues the call (a reload, a new socket); later, a new call starts. */
    static final Duration RETURN_WITHIN = Duration.ofSeconds(30);

    private static final System.Logger LOG = System.getLogger(Room.class.getName());

    private final String sessionId;
    private final MessageCodec codec;
    private final List<Peer> peers = new ArrayList<>();
    private final ArrayDeque<Peer> evicted = new ArrayDeque<>();
    private final ArrayDeque<Closing> closing = new ArrayDeque<>();
    /** Operations running on this thread: closing a socket may call back into the room (the monitor is reentrant). */
    private int depth;
    /** Set once the room is empty: a retired room is never joined again (the registry makes a new one). */
    private boolean retired;
    private final CallListener calls;
    /** Nanoseconds, System.nanoTime() in production; a test drives its own. */
    private final LongSupplier clock;
    /** Whether a call is up: from the first answer relayed until it is over (and reported, exactly once). */
    private boolean inCall;
    /** Clock reading when the current call was answered (meaningful while inCall). */
    private long callSince;
    /** Clock reading when a media peer of the call went away and has not come back yet, or -1 while both are here. */
    private long awaySince = -1;

    Room(String sessionId, MessageCodec codec) {
        this(sessionId, codec, CallListener.NONE, System::nanoTime);
    }

    Room(String sessionId, MessageCodec codec, CallListener calls, LongSupplier clock) {
        this.sessionId = sessionId;
        this.codec = codec;
        this.calls = calls;
        this.clock = clock;
    }

    public String sessionId() {
        return sessionId;
    }

    synchronized Outcome join(Peer peer) {
        return operation(() -> {
            if (retired) {
                return Outcome.RETIRED;
            }
            Peer previous = find(peer.id());
            if (peer.role().media()) {
                for (Peer p : peers) {
                    if (p != previous && p.role() == peer.role()) {
                        return Outcome.FULL;
                    }
                }
            }
            if (previous != null) {
                // the same participant again (a reload, a new socket): its call goes on
                peers.remove(previous);
                closing.add(new Closing(previous, SignalingCloseCode.REPLACED));
                announceLeft(previous);
            }
            Role role = peer.role();
            List<PeerInfo> visible = peers.stream().filter(peer::sees).map(Peer::info).toList();
            peers.add(peer);
            if (role.media()) {
                mediaPeerBack();
            }
            deliver(peer, codec.encode(new ServerMessage.Welcome(peer.id(), role.wire(), role.polite(), visible)));
            String joined = codec.encode(ServerMessage.PeerJoined.of(peer.info()));
            for (Peer p : List.copyOf(peers)) {
                if (p != peer && p.sees(peer)) {
                    deliver(p, joined);
                }
            }
            return Outcome.JOINED;
        });
    }

    synchronized void leave(Peer peer) {
        operation(() -> {
            if (peers.remove(peer)) {
                announceLeft(peer);
                if (peer.role().media()) {
                    mediaPeerGone();
                }
            }
            return null;
        });
    }

    /** Handles one message of {@code sender}; false when its role may not send it (the caller closes with 4403). */
    synchronized boolean receive(Peer sender, ClientMessage message) {
        return operation(() -> {
            if (!peers.contains(sender)) {
                return true; // replaced or evicted while this message was in flight: it goes nowhere
            }
            if (message instanceof ClientMessage.Ping) {
                deliver(sender, codec.encode(new ServerMessage.Pong()));
            } else if (!sender.role().media()) {
                return false;
            } else if (message instanceof ClientMessage.Offer m) {
                toOtherMediaPeer(sender, new ServerMessage.Offer(sender.id(), m.sdp()));
            } else if (message instanceof ClientMessage.Answer m) {
                if (toOtherMediaPeer(sender, new ServerMessage.Answer(sender.id(), m.sdp())) && !inCall) {
                    inCall = true;
                    callSince = clock.getAsLong();
                    awaySince = -1;
                    calls.callStarted(sessionId);
                    LOG.log(System.Logger.Level.INFO, "Call in session {0} answered by {1}", sessionId, sender);
                }
            } else if (message instanceof ClientMessage.Candidate m) {
                toOtherMediaPeer(sender, new ServerMessage.Candidate(sender.id(), m.candidate()));
            } else if (message instanceof ClientMessage.Mute m) {
                sender.mute(m.audio(), m.video());
                toEveryoneWhoSees(sender, new ServerMessage.Mute(sender.id(), m.audio(), m.video()));
            } else if (message instanceof ClientMessage.Hangup) {
                toEveryoneWhoSees(sender, new ServerMessage.Hangup(sender.id()));
                endCall();
            }
            return true;
        });
    }

    /** Closes every connection with the code (server stop); the room is retired. */
    synchronized void closeAll(SignalingCloseCode code) {
        operation(() -> {
            for (Peer p : peers) {
                closing.add(new Closing(p, code));
            }
            peers.clear();
            endCall();
            return null;
        });
    }

    synchronized boolean retired() {
        return retired;
    }

    synchronized int size() {
        return peers.size();
    }

    /**
     * Runs one operation. Sockets are closed only when the outermost operation on this thread ends, after the state
     * is settled: a close may call back into the room (leave), which then finds consistent state and no iteration
     * in progress.
     */
    private <T> T operation(Supplier<T> body) {
        depth++;
        T result;
        try {
            result = body.get();
        } finally {
            depth--;
        }
        if (depth == 0) {
            settle();
        }
        return result;
    }

    /** Evicts slow consumers found while delivering, closes what is due, then retires an empty room. */
    private void settle() {
        depth++;
        try {
            while (true) {
                Peer slow = evicted.poll();
                if (slow != null) {
                    if (peers.remove(slow)) {
                        closing.add(new Closing(slow, SignalingCloseCode.SLOW_CONSUMER));
                        announceLeft(slow); // may find more slow consumers
                        if (slow.role().media()) {
                            mediaPeerGone();
                        }
                    }
                    continue;
                }
                Closing next = closing.poll();
                if (next == null) {
                    break;
                }
                next.peer().link().close(next.code());
            }
        } finally {
            depth--;
        }
        if (peers.isEmpty()) {
            retired = true;
        }
    }

    private Peer find(String id) {
        for (Peer p : peers) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        return null;
    }

    /**
     * A media peer left (socket closed, evicted). The call is not over yet: the browser reconnects after a navigation
     * or a dropped socket while the media keeps flowing. It ends at this moment if nobody comes back: when the other
     * media peer leaves too, hangs up, or the room closes; a return after {@link #RETURN_WITHIN} ends it here too.
     */
    private void mediaPeerGone() {
        if (!inCall) {
            return;
        }
        if (awaySince < 0) {
            awaySince = clock.getAsLong();
            LOG.log(System.Logger.Level.INFO, "A media peer of the call in session {0} went away", sessionId);
        }
        if (peers.stream().noneMatch(p -> p.role().media())) {
            endCall();
        }
    }

    /** A media peer joined: if it completes the call's pair again soon enough, the call goes on, its gap included. */
    private void mediaPeerBack() {
        if (!inCall || awaySince < 0 || peers.stream().filter(p -> p.role().media()).count() < 2) {
            return;
        }
        if (clock.getAsLong() - awaySince > RETURN_WITHIN.toNanos()) {
            endCall(); // the old call ended when the peer went away; the next answer starts a new one
        } else {
            awaySince = -1;
        }
    }

    /**
     * The call in progress (if any) is over: its length, from the first answer until now or until a media peer went
     * away for good, goes to the listener exactly once.
     */
    private void endCall() {
        if (!inCall) {
            return;
        }
        long end = awaySince >= 0 ? awaySince : clock.getAsLong();
        inCall = false;
        awaySince = -1;
        LOG.log(System.Logger.Level.INFO, "Call in session {0} ended after {1} ms", sessionId, Long.toString(
                Duration.ofNanos(Math.max(0, end - callSince)).toMillis()));
        calls.callEnded(sessionId, Duration.ofNanos(Math.max(0, end - callSince)));
    }

    /** True when the other media peer was there to receive it. */
    private boolean toOtherMediaPeer(Peer sender, ServerMessage message) {
        for (Peer p : List.copyOf(peers)) {
            if (p != sender && p.role().media()) {
                deliver(p, codec.encode(message));
                return true;
            }
        }
        // No other media peer yet: clients negotiate only after welcome or peer-joined lists one, so this is dropped.
        return false;
    }

    private void toEveryoneWhoSees(Peer subject, ServerMessage message) {
        String text = codec.encode(message);
        for (Peer p : List.copyOf(peers)) {
            if (p != subject && p.sees(subject)) {
                deliver(p, text);
            }
        }
    }

    private void announceLeft(Peer gone) {
        toEveryoneWhoSees(gone, new ServerMessage.PeerLeft(gone.id()));
    }

    private void deliver(Peer to, String text) {
        if (!to.link().send(text) && !evicted.contains(to)) {
            evicted.add(to);
        }
    }
}

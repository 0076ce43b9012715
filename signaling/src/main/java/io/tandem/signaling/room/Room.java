package io.tandem.signaling.room;

import io.tandem.signaling.SignalingCloseCode;
import io.tandem.signaling.message.ClientMessage;
import io.tandem.signaling.message.MessageCodec;
import io.tandem.signaling.message.ServerMessage;
import io.tandem.signaling.message.ServerMessage.PeerInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
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
    /** System.nanoTime() when the current call was answered, or 0 when no call is up. */
    private long callSince;

    Room(String sessionId, MessageCodec codec) {
        this(sessionId, codec, CallListener.NONE);
    }

    Room(String sessionId, MessageCodec codec, CallListener calls) {
        this.sessionId = sessionId;
        this.codec = codec;
        this.calls = calls;
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
                peers.remove(previous);
                closing.add(new Closing(previous, SignalingCloseCode.REPLACED));
                announceLeft(previous);
                if (previous.role().media()) {
                    endCall();
                }
            }
            List<PeerInfo> visible = peers.stream().filter(peer::sees).map(Peer::info).toList();
            peers.add(peer);
            Role role = peer.role();
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
                    endCall();
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
                if (toOtherMediaPeer(sender, new ServerMessage.Answer(sender.id(), m.sdp())) && callSince == 0) {
                    callSince = System.nanoTime();
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

    /** The call in progress (if any) is over: its length goes to the listener. */
    private void endCall() {
        if (callSince != 0) {
            java.time.Duration length = java.time.Duration.ofNanos(System.nanoTime() - callSince);
            callSince = 0;
            calls.callEnded(sessionId, length);
        }
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

package io.tandem.signaling.room;

import io.tandem.signaling.SignalingCloseCode;
import io.tandem.signaling.SignalingConfig;
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
 * One session's signaling room, plain Java guarded by its own monitor: up to {@code maxMediaPeers} media peers (at most
 * one of them the customer, the others advisors with distinct ids) plus any number of supervisors. Offers, answers and
 * candidates go to the one media peer they name in {@code to}. Every delivery happens under the monitor, so each
 * recipient sees presence and relayed messages in the order the room decided them; a recipient whose queue is full is
 * evicted as a slow consumer.
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
    static final Duration RETURN_WITHIN = CallTimer.RETURN_WITHIN;

    private final String sessionId;
    private final MessageCodec codec;
    private final int maxMediaPeers;
    private final List<Peer> peers = new ArrayList<>();
    private final ArrayDeque<Peer> evicted = new ArrayDeque<>();
    private final ArrayDeque<Closing> closing = new ArrayDeque<>();
    /** Operations running on this thread: closing a socket may call back into the room (the monitor is reentrant). */
    private int depth;
    /** Set once the room is empty: a retired room is never joined again (the registry makes a new one). */
    private boolean retired;
    private final CallTimer call;

    Room(String sessionId, MessageCodec codec) {
        this(sessionId, codec, CallListener.NONE, System::nanoTime, SignalingConfig.DEFAULT_MAX_MEDIA_PEERS);
    }

    Room(String sessionId, MessageCodec codec, CallListener calls, LongSupplier clock, int maxMediaPeers) {
        this.sessionId = sessionId;
        this.codec = codec;
        this.maxMediaPeers = maxMediaPeers;
        this.call = new CallTimer(sessionId, calls, clock);
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
            if (peer.role().media() && full(peer, previous)) {
                return Outcome.FULL;
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
                call.joined(callers());
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
                    call.left(callers());
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
                sender.hungUp(false);
                toMediaPeer(sender, m, new ServerMessage.Offer(sender.id(), m.sdp()));
            } else if (message instanceof ClientMessage.Answer m) {
                sender.hungUp(false);
                if (toMediaPeer(sender, m, new ServerMessage.Answer(sender.id(), m.sdp()))) {
                    call.answered(sender);
                }
            } else if (message instanceof ClientMessage.Candidate m) {
                toMediaPeer(sender, m, new ServerMessage.Candidate(sender.id(), m.candidate()));
            } else if (message instanceof ClientMessage.Mute m) {
                sender.mute(m.audio(), m.video());
                toEveryoneWhoSees(sender, new ServerMessage.Mute(sender.id(), m.audio(), m.video()));
            } else if (message instanceof ClientMessage.Hangup) {
                toEveryoneWhoSees(sender, new ServerMessage.Hangup(sender.id()));
                sender.hungUp(true);
                call.hungUp(callers());
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
            call.end();
            return null;
        });
    }

    /**
     * Closes the media connection of the participant with the code (their place in the conversation ended: a supervisor
     * stepped back out); false when they have none here.
     */
    synchronized boolean evict(String participantId, SignalingCloseCode code) {
        return operation(() -> {
            Peer p = find(participantId);
            return p != null && p.role().media() && drop(p, code);
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
                    drop(slow, SignalingCloseCode.SLOW_CONSUMER); // telling the others may find more slow consumers
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

    /** Removes the peer, closes it with the code once settled and tells the others; false when it had left. */
    private boolean drop(Peer gone, SignalingCloseCode code) {
        if (!peers.remove(gone)) {
            return false;
        }
        closing.add(new Closing(gone, code));
        announceLeft(gone);
        if (gone.role().media()) {
            call.left(callers());
        }
        return true;
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
     * Whether a media peer may not join beside those here ({@code previous}, its own older connection, aside): at most
     * one customer, at most {@code maxMediaPeers} media peers in all.
     */
    private boolean full(Peer joining, Peer previous) {
        int media = 0;
        for (Peer p : peers) {
            if (p != previous && p.role().media()) {
                if (p.role() == Role.CUSTOMER && joining.role() == Role.CUSTOMER) {
                    return true;
                }
                media++;
            }
        }
        return media >= maxMediaPeers;
    }

    /** Media peers in the call: connected and not hung up since their last offer or answer. */
    private int callers() {
        int callers = 0;
        for (Peer p : peers) {
            if (p.role().media() && !p.hungUp()) {
                callers++;
            }
        }
        return callers;
    }

    /**
     * Delivers a peer-to-peer message to the media peer it names; true when that peer was there to receive it. A
     * message for anyone else (a peer that just left, whose peer-left is on its way to the sender; the sender itself; a
     * supervisor; an unknown id) is dropped quietly: it lost a race with a leave, or it would reach no call.
     */
    private boolean toMediaPeer(Peer sender, ClientMessage.Addressed addressed, ServerMessage message) {
        Peer to = find(addressed.to());
        if (to == null || to == sender || !to.role().media()) {
            return false;
        }
        deliver(to, codec.encode(message));
        return true;
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

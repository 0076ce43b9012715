package io.tandem.signaling.room;

import io.tandem.signaling.SignalingCloseCode;
import io.tandem.signaling.SignalingConfig;
import io.tandem.signaling.message.ClientMessage;
import io.tandem.signaling.message.MessageCodec;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The rooms of this server keyed by session id: a room is made on the first join and dropped when it empties. A
 * session the app has ended keeps its room shut for {@link EndedSessions#DEFAULT_MEMORY}; so does a participant's
 * place in the call once the app has ended it (a supervisor who stepped back out), until the app opens it again.
 */
public final class Rooms {

    /** A join's result: the room joined, or the close code that refuses the peer. */
    public record Admission(Room room, SignalingCloseCode refusal) {}

    private final ConcurrentMap<String, Room> rooms = new ConcurrentHashMap<>();
    private final MessageCodec codec;
    private final CallListener calls;
    private final EndedSessions ended;
    /** Participants (session id, space, participant id) whose place in the call the app ended. */
    private final EndedSessions leftSeats = new EndedSessions();
    private final LongSupplier clock;
    private final int maxMediaPeers;
    private volatile boolean closed;
    private volatile Consumer<String> retired = id -> {};

    public Rooms(MessageCodec codec) {
        this(codec, CallListener.NONE);
    }

    public Rooms(MessageCodec codec, CallListener calls) {
        this(codec, calls, new EndedSessions());
    }

    public Rooms(MessageCodec codec, CallListener calls, EndedSessions ended) {
        this(codec, calls, ended, SignalingConfig.DEFAULT_MAX_MEDIA_PEERS);
    }

    /** As above, with at most {@code maxMediaPeers} media peers in a room (the customer included). */
    public Rooms(MessageCodec codec, CallListener calls, EndedSessions ended, int maxMediaPeers) {
        this(codec, calls, ended, System::nanoTime, maxMediaPeers);
    }

    /** As above, measuring calls with {@code clock} (nanoseconds; tests pass their own). */
    Rooms(MessageCodec codec, CallListener calls, EndedSessions ended, LongSupplier clock) {
        this(codec, calls, ended, clock, SignalingConfig.DEFAULT_MAX_MEDIA_PEERS);
    }

    Rooms(MessageCodec codec, CallListener calls, EndedSessions ended, LongSupplier clock, int maxMediaPeers) {
        if (maxMediaPeers < SignalingConfig.FEWEST_MEDIA_PEERS) {
            throw new IllegalArgumentException("a room needs room for " + SignalingConfig.FEWEST_MEDIA_PEERS
                    + " media peers at least, was " + maxMediaPeers);
        }
        this.codec = codec;
        this.calls = calls;
        this.ended = ended;
        this.clock = clock;
        this.maxMediaPeers = maxMediaPeers;
    }

    public Admission join(String sessionId, Peer peer) {
        while (!closed) {
            if (ended.ended(sessionId)) {
                return new Admission(null, SignalingCloseCode.SESSION_ENDED);
            }
            if (left(sessionId, peer)) {
                return new Admission(null, SignalingCloseCode.FORBIDDEN);
            }
            Room room = rooms.computeIfAbsent(sessionId, id -> new Room(id, codec, calls, clock, maxMediaPeers));
            switch (room.join(peer)) {
                case JOINED :
                    if (ended.ended(sessionId)) {
                        // The session ended while this peer joined, after end() looked for the room: shut it now.
                        room.closeAll(SignalingCloseCode.SESSION_ENDED);
                        dropIfRetired(room);
                        return new Admission(null, SignalingCloseCode.SESSION_ENDED);
                    }
                    if (left(sessionId, peer)) {
                        // Their place ended while they joined, after seatEnded() looked for them: out again.
                        room.evict(peer.id(), SignalingCloseCode.FORBIDDEN);
                        dropIfRetired(room);
                        return new Admission(null, SignalingCloseCode.FORBIDDEN);
                    }
                    return new Admission(room, null);
                case FULL :
                    return new Admission(null, SignalingCloseCode.ROOM_FULL);
                default :
                    // Emptied and retired between lookup and join: drop it and make a fresh one.
                    rooms.remove(sessionId, room);
            }
        }
        return new Admission(null, SignalingCloseCode.GOING_AWAY);
    }

    public void leave(Room room, Peer peer) {
        room.leave(peer);
        dropIfRetired(room);
    }

    /** See {@link Room#receive}: false when the sender's role may not send this message. */
    public boolean receive(Room room, Peer sender, ClientMessage message) {
        boolean allowed = room.receive(sender, message);
        dropIfRetired(room);
        return allowed;
    }

    /**
     * The app ended the session: every connection of its room is closed with 4409 and the room stays shut (joins are
     * refused with 4409, upgrades with 410) for {@link EndedSessions#DEFAULT_MEMORY}.
     */
    public void end(String sessionId) {
        ended.end(sessionId); // first: a join that misses the room below sees it and shuts its own
        Room room = rooms.get(sessionId);
        if (room != null) {
            room.closeAll(SignalingCloseCode.SESSION_ENDED);
            dropIfRetired(room);
        }
    }

    /**
     * The app ended the participant's place in the session's conversation (a supervisor stepped back out): their media
     * connection closes with 4403, and their tokens for a media role (minted while they took part, valid up to 10
     * minutes) are refused with 4403 until {@link #seatStarted} (they step in again). As an observer they may stay.
     */
    public void seatEnded(String sessionId, String participantId) {
        leftSeats.end(seat(sessionId, participantId)); // first: a join that misses the room below sees it
        Room room = rooms.get(sessionId);
        if (room != null) {
            room.evict(participantId, SignalingCloseCode.FORBIDDEN);
            dropIfRetired(room);
        }
    }

    /** The app gave the participant a place in the conversation again: their media tokens are accepted again. */
    public void seatStarted(String sessionId, String participantId) {
        leftSeats.forget(seat(sessionId, participantId));
    }

    private boolean left(String sessionId, Peer peer) {
        return peer.role().media() && leftSeats.ended(seat(sessionId, peer.id()));
    }

    private static String seat(String sessionId, String participantId) {
        return sessionId + ' ' + participantId;
    }

    /** Whether the app ended this session recently (its tokens are refused). */
    public boolean ended(String sessionId) {
        return ended.ended(sessionId);
    }

    /** Called with the session id of every room that empties here (the router then drops its claim). */
    public void onRetired(Consumer<String> listener) {
        this.retired = listener;
    }

    /** Whether this server has a room for the session. */
    public boolean holds(String sessionId) {
        return rooms.containsKey(sessionId);
    }

    /** Rooms with at least one peer (for the health document). */
    public int size() {
        return rooms.size();
    }

    /** Refuses further joins and closes every connection with the code. */
    public void closeAll(SignalingCloseCode code) {
        closed = true;
        List<Room> all = List.copyOf(rooms.values());
        rooms.clear(); // first: the rooms are not held here any more when their claims are released
        for (Room room : all) {
            room.closeAll(code);
            retired.accept(room.sessionId());
        }
    }

    private void dropIfRetired(Room room) {
        if (room.retired() && rooms.remove(room.sessionId(), room)) {
            retired.accept(room.sessionId());
        }
    }
}

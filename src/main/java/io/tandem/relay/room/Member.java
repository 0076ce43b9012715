package io.tandem.relay.room;

import io.tandem.relay.protocol.MessageType;
import java.time.Instant;

/** A participant's state in a room, across their connections. Guarded by the room's lock. */
final class Member {

    /** Who they are; replaced when they say hello again (a fresh admission) or step in or out. */
    Participant participant;
    Outbox outbox;
    /** The page load the participant's client is on; its sequence numbers count within it. */
    String epoch;
    long lastSeq;
    int unacked;
    long rtt = -1;
    Instant lastHeard;
    Instant disconnectedAt;
    boolean left;
    /** Why a member left before the grace passed ("stopped": the customer pressed Stop), or null. */
    String leftReason;
    /** An advisor's time connected: since when (while connected), and the milliseconds not yet taken. */
    Instant presentSince;
    long presentMillis;
    /**
     * The connection on which the member said it is in the video call (sys.in-call), or null: a new connection is out
     * of the call until it says so again, so a dropped one never leaves a stale "in the call" behind.
     */
    Outbox inCallOn;
    /** The presence this member was last sent, so unchanged views are not sent again. */
    String lastPresence;

    /** The coalescing key of the last keyless latest-wins type this member sent (its pointer, mostly), and for whom. */
    private MessageType keylessType;
    private String keylessKey;
    private String keylessFor;

    Member(Participant participant) {
        this.participant = participant;
    }

    /**
     * The key under which a latest-wins frame of this member replaces the one before it (sender, type, the frame's own
     * key). A pointer moves 30 times a second without a key: its key is built once, not per frame.
     */
    String latestKey(MessageType type, String key) {
        String id = participant.id();
        if (key != null) {
            return id + "|" + type.wire() + "|" + key;
        }
        if (type != keylessType || !id.equals(keylessFor)) {
            keylessKey = id + "|" + type.wire() + "|";
            keylessType = type;
            keylessFor = id;
        }
        return keylessKey;
    }

    boolean connected() {
        return outbox != null;
    }

    /** Whether the member is in the video call on the connection it has now. */
    boolean inCall() {
        return outbox != null && inCallOn == outbox;
    }

    String state() {
        return connected() ? "connected" : left ? "left" : "reconnecting";
    }
}

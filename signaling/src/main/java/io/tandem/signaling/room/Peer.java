package io.tandem.signaling.room;

import io.tandem.signaling.message.ServerMessage.PeerInfo;

/** One connection in a room: who it is, where to send, and its last announced media state (guarded by the room). */
public final class Peer {

    private final Participant participant;
    private final PeerLink link;
    private boolean audio;
    private boolean video;
    /** Hung up and not offered or answered since: out of the call while still connected. */
    private boolean hungUp;

    public Peer(Participant participant, PeerLink link) {
        this.participant = participant;
        this.link = link;
        // Media peers start with both tracks on until they say otherwise; observers send no media.
        this.audio = participant.role().media();
        this.video = participant.role().media();
    }

    public Participant participant() {
        return participant;
    }

    public String id() {
        return participant.id();
    }

    public Role role() {
        return participant.role();
    }

    PeerLink link() {
        return link;
    }

    void mute(boolean audio, boolean video) {
        this.audio = audio;
        this.video = video;
    }

    boolean hungUp() {
        return hungUp;
    }

    void hungUp(boolean hungUp) {
        this.hungUp = hungUp;
    }

    PeerInfo info() {
        return new PeerInfo(id(), role().wire(), participant.name(), audio, video);
    }

    /** Supervisors are silent towards the customer, as in the relay: the customer never learns they are there. */
    boolean sees(Peer other) {
        return !(role() == Role.CUSTOMER && other.role() == Role.SUPERVISOR);
    }

    @Override
    public String toString() {
        return role().wire() + ":" + id();
    }
}

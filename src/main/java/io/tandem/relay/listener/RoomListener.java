package io.tandem.relay.listener;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.UUID;

/**
 * What the relay tells the rest of Tandem about its rooms: the frames they relay (recording), their activity counters
 * (touchpoint) and document viewing (documents). Implemented as CDI beans in the features' own packages, so the relay
 * imports none of them; the room registry finds every bean of this type. Every method has a default that does
 * nothing, so a listener implements only what it cares about.
 */
public interface RoomListener {

    /**
     * A room opens on this node: where its frames go, or {@link FrameSink#NONE}. Asked once per room, never on the
     * frame path; the sink is then called under the room's lock and must not block.
     */
    default FrameSink frames(UUID sessionId) {
        return FrameSink.NONE;
    }

    /**
     * Counters of the rooms since the last batch, on the registry's schedule (never from the frame path). A listener
     * that fails to write them keeps them for the next batch.
     */
    default Uni<Void> activity(List<RoomActivity> activity) {
        return Uni.createFrom().voidItem();
    }

    /** Document viewing since the last batch, as {@link #activity(List)}. */
    default Uni<Void> viewings(List<DocumentViewed> viewings) {
        return Uni.createFrom().voidItem();
    }

    /** The session is over on this node; called before its room (if any) tells everyone and hands its last counters. */
    default void ended(UUID sessionId) {}
}

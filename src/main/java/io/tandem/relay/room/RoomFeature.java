package io.tandem.relay.room;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.relay.protocol.Inbound;

/**
 * One message family's policy in a room (stage, control, document, annotations): the room routes each frame of the
 * family here by its header type alone, under the room's lock, and the feature reaches the room only through its
 * {@link RoomContext}. The hooks tell a feature what happened elsewhere in the room.
 */
interface RoomFeature {

    /** A frame of this feature's family from a member (already checked: the sender's role may send the type). */
    void receive(Member from, Inbound in);

    /** The stage changed hands; {@code by} moved it. */
    default void stageChanged(String by) {}

    /** The page on the stage loaded a new page (dom.nav load), after the frame was relayed. */
    default void pageLoaded() {}

    /** A participant left the room (pressed Stop, or their grace passed). */
    default void left(String participantId) {}

    /** The session has a new owner (a transfer). */
    default void ownerChanged(String ownerId) {}

    /** Adds this feature's state to a sys.welcome. */
    default void welcome(ObjectNode welcome) {}
}

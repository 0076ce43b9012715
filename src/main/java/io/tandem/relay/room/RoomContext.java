package io.tandem.relay.room;

import io.tandem.relay.protocol.Inbound;
import io.tandem.relay.protocol.MessageType;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.UUID;

/**
 * What a feature may do to its room: the narrow way in. Every call is made under the room's lock, from a feature's
 * {@link RoomFeature#receive} or one of its hooks.
 */
interface RoomContext {

    UUID sessionId();

    Instant now();

    RoomLimits limits();

    /** The participant whose page is on the stage (the customer, an advisor, or an advisor's stage page). */
    String sharer();

    /** The participant with this id if they are in the room and have not left, else null. */
    Participant active(String id);

    /** Counts a reliable frame as received (acknowledging in batches); false if it was already (a resend). */
    boolean accept(Member from, Inbound in);

    /**
     * Numbers (if reliable), logs, keeps in the keyframe, records and sends the frame to everyone else; returns the
     * frame as sent, or null if it was consumed (from a previous sharer while the stage changed hands).
     */
    Buffer forward(Member from, Inbound in);

    /** {@link #accept} then {@link #forward}: the plain relay. */
    default void relay(Member from, Inbound in) {
        if (accept(from, in)) {
            forward(from, in);
        }
    }

    /** Consumes a frame the sender may not send now, tells the sender why (sys.error), and logs it. */
    void refuse(Member from, Inbound in, String code, String detail);

    /** A numbered, logged, recorded server frame to everyone: resuming clients replay it in order. */
    void announce(MessageType type, String payload);

    /** Asks the page on the stage for a fresh snapshot. */
    void requestSnapshot(String reason);

    /** The stage changed hands ({@code by} moved it): the keyframe goes, and every feature hears of it. */
    void stageChanged(String by);
}

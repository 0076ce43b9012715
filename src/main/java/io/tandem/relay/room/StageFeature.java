package io.tandem.relay.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.relay.protocol.BadFrameException;
import io.tandem.relay.protocol.Inbound;
import io.tandem.relay.protocol.MessageType;

/**
 * The stage (sys.stage): whose page everyone sees, the customer's or an advisor's (from their console or their own
 * page, stage:{id}). A new stage is announced to everyone, numbered; the keyframe and what belonged to the old page
 * (drawings, a control grant) go, and the new sharer is asked for a snapshot. Guarded by the room's lock.
 */
final class StageFeature implements RoomFeature {

    private final RoomContext room;
    private String mode = "customer";
    private String sharer = Participant.CUSTOMER_ID;

    StageFeature(RoomContext room) {
        this.room = room;
    }

    String mode() {
        return mode;
    }

    String sharer() {
        return sharer;
    }

    void restore(String mode, String sharer) {
        this.mode = mode;
        this.sharer = sharer;
    }

    @Override
    public void receive(Member member, Inbound in) {
        JsonNode stage = Payloads.json(in.payload(), 256);
        String next = Payloads.text(stage.path("mode"), "");
        if (!next.equals("customer") && !next.equals("advisor")) {
            throw new BadFrameException("sys.stage mode must be customer or advisor");
        }
        // an advisor shares either from this connection or from their page on the stage (stage:{id})
        String own = member.participant.id();
        String named = Payloads.text(stage.path("sharer"), own);
        if (next.equals("advisor") && !named.equals(own) && !named.equals(Participant.stageId(own))) {
            throw new BadFrameException("sys.stage sharer must be the sender or the sender's stage page");
        }
        mode = next;
        sharer = next.equals("customer") ? Participant.CUSTOMER_ID : named;
        room.announce(MessageType.SYS_STAGE, json());
        room.stageChanged(own); // consent and drawings were given for the page that was on the stage
        room.requestSnapshot("stage");
    }

    @Override
    public void welcome(ObjectNode welcome) {
        welcome.putObject("stage").put("mode", mode).put("sharer", sharer);
    }

    private String json() {
        return "{\"mode\":\"" + mode + "\",\"sharer\":\"" + sharer + "\"}";
    }
}

package io.tandem.relay.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.relay.listener.DocumentViewed;
import io.tandem.relay.protocol.BadFrameException;
import io.tandem.relay.protocol.Inbound;
import io.tandem.relay.protocol.MessageType;
import io.tandem.relay.protocol.Role;
import java.util.List;

/**
 * The shared document (doc.*): the advisor opens and closes it and presents first; only the presenter sends its view
 * and "follow me"; the presenter (or an advisor) hands presenting to another active participant. Frames the sender may
 * not send now are consumed and answered with sys.error, as control frames are. doc.ack (a clause signed off over
 * HTTP) is relayed as it is. Guarded by the room's lock.
 */
final class DocumentFeature implements RoomFeature {

    private final RoomContext room;
    private final SharedDocument document;

    DocumentFeature(RoomContext room) {
        this.room = room;
        this.document = new SharedDocument(room.sessionId());
    }

    @Override
    public void receive(Member from, Inbound in) {
        MessageType type = in.type();
        if (type == MessageType.DOC_ACK) {
            room.relay(from, in);
            return;
        }
        if (!room.accept(from, in)) {
            return;
        }
        String id = from.participant.id();
        if (type == MessageType.DOC_OPEN) {
            JsonNode open = Payloads.json(in.payload(), 1024);
            document.open((ObjectNode) open, Payloads.uuid(open.path("versionId"), "doc.open versionId"), id,
                    room.now());
            room.forward(from, in);
        } else if (!document.isOpen()) {
            room.refuse(from, in, "no-document", "no document is open");
        } else if (type == MessageType.DOC_CLOSE) {
            document.close(room.now());
            room.forward(from, in);
        } else if (type == MessageType.DOC_PRESENTER) {
            JsonNode p = Payloads.json(in.payload(), 256);
            Participant to = room.active(p.path("to").asText(""));
            if (!id.equals(document.presenter()) && from.participant.role() != Role.ADVISOR) {
                room.refuse(from, in, "not-presenter", "only the presenter or an advisor hands over presenting");
            } else if (to == null || to.role() == Role.SUPERVISOR) {
                room.refuse(from, in, "bad-presenter", "presenting can be handed only to an active participant");
            } else {
                document.presenter(to.id());
                room.forward(from, in);
            }
        } else if (!id.equals(document.presenter())) {
            room.refuse(from, in, "not-presenter", "only the presenter leads the document");
        } else {
            if (type == MessageType.DOC_VIEW) {
                JsonNode view = Payloads.json(in.payload(), 256);
                if (!view.path("page").isInt() || view.path("page").intValue() < 1) {
                    throw new BadFrameException("doc.view page must be a whole number from 1");
                }
                document.view(view);
            }
            room.forward(from, in);
        }
    }

    @Override
    public void welcome(ObjectNode welcome) {
        welcome.set("document", document.state());
    }

    /** Which versions were open, how long and which pages, since the last call; resets it. */
    List<DocumentViewed> takeViewings() {
        return document.takeViewings(room.now());
    }
}

package io.tandem.relay.room;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.relay.protocol.MessageType;
import io.tandem.relay.protocol.Role;
import java.util.List;
import java.util.Map;

/**
 * Who is in charge of a room and who speaks in it, as the session feature decides outside it: a new owner (a transfer)
 * ends any grant of remote control, which must be asked for again; a supervisor who steps in speaks as an advisor from
 * then on, on the connection they have, and is silent again when they step out. Everyone is told with a numbered
 * sys.notice, then presence. Guarded by the room's lock.
 */
final class Seats {

    private final Map<String, Member> members;
    private final Presence presence;
    private final Fanout fanout;
    private final List<RoomFeature> features;

    Seats(Map<String, Member> members, Presence presence, Fanout fanout, List<RoomFeature> features) {
        this.members = members;
        this.presence = presence;
        this.fanout = fanout;
        this.features = features;
    }

    void change(RoomChange change) {
        Member member = members.get(change.id());
        switch (change.kind()) {
            case OWNER -> {
                if (change.id().equals(presence.owner())) {
                    return; // heard already (every node hears a change; one may apply it twice)
                }
                presence.owner(change.id());
            }
            case STEPPED_IN, STEPPED_OUT -> {
                boolean in = change.kind() == RoomChange.Kind.STEPPED_IN;
                Role role = in ? Role.ADVISOR : Role.SUPERVISOR;
                if (member != null) {
                    if (member.participant.supervisor() == in && member.participant.role() == role) {
                        return;
                    }
                    member.participant = member.participant.as(role, in);
                    if (!in) {
                        features.forEach(f -> f.left(change.id())); // a grant they held ends with their voice
                        member.inCallOn = null; // and their place in the call (their console hangs up)
                    }
                }
            }
            default -> throw new IllegalArgumentException(change.kind().name());
        }
        ObjectNode notice = Payloads.JSON.createObjectNode().put("kind", change.kind().wire()).put("id", change.id())
                .put("name", change.name());
        if (change.team() != null) {
            notice.put("team", change.team());
        }
        fanout.announce(MessageType.SYS_NOTICE, notice.toString());
        if (change.kind() == RoomChange.Kind.OWNER) {
            features.forEach(f -> f.ownerChanged(change.id())); // after the notice: who is in charge comes first
        }
        presence.send(members.values());
    }
}

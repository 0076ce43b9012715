package io.tandem.relay.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.relay.listener.FrameSink;
import io.tandem.relay.protocol.BadFrameException;
import io.tandem.relay.protocol.Inbound;
import io.tandem.relay.protocol.MessageType;
import io.tandem.relay.protocol.Role;

/**
 * Remote control (ctl.*): requests and actions are relayed (and so logged for replay), grants and revocations change
 * the room's control state, which everyone learns from a numbered sys.control. A frame the sender may not send now
 * (it does not speak for the stage page, or holds no grant) is consumed and answered with sys.error. A grant ends with
 * the page it was given for, the stage, or its holder. Guarded by the room's lock.
 */
final class ControlFeature implements RoomFeature {

    private static final String SERVER = FrameSink.SERVER;
    private final RoomContext room;
    private final Control control = new Control();

    ControlFeature(RoomContext room) {
        this.room = room;
    }

    @Override
    public void receive(Member from, Inbound in) {
        if (in.type() == MessageType.CTL_RESULT) {
            room.relay(from, in); // the stage page's answer to an action: relayed as it is
            return;
        }
        if (!room.accept(from, in)) {
            return;
        }
        String id = from.participant.id();
        boolean forStage = Control.speaksForStage(id, room.sharer());
        switch (in.type()) {
            case CTL_REQUEST -> {
                if (!room.limits().remoteControl()) {
                    room.refuse(from, in, "view-only", "remote control is off on this site");
                } else if (forStage) {
                    room.refuse(from, in, "not-applicable", "the page on the stage is the sender's own");
                } else {
                    control.requested();
                    room.forward(from, in);
                }
            }
            case CTL_DENY -> {
                if (forStage) {
                    room.forward(from, in);
                } else {
                    room.refuse(from, in, "not-stage-owner", "only the page on the stage can deny control of it");
                }
            }
            case CTL_GRANT -> grant(from, in, forStage);
            case CTL_REVOKE -> {
                if (forStage || control.heldBy(id)) {
                    end(id, control.heldBy(id) ? "released" : "revoked");
                } else if (control.grant() != null) {
                    room.refuse(from, in, "not-stage-owner", "only the page on the stage can revoke control of it");
                }
            }
            case CTL_ACTION -> {
                if (control.heldBy(id)) {
                    control.acted();
                    room.forward(from, in);
                } else {
                    room.refuse(from, in, "control-not-granted",
                            "control of the stage page is not granted to the sender");
                }
            }
            default -> throw new IllegalArgumentException(in.type().wire());
        }
    }

    private void grant(Member from, Inbound in, boolean forStage) {
        if (!forStage) {
            room.refuse(from, in, "not-stage-owner", "only the page on the stage can grant control of it");
            return;
        }
        if (!room.limits().remoteControl()) {
            room.refuse(from, in, "view-only", "remote control is off on this site");
            return;
        }
        JsonNode grant = Payloads.json(in.payload(), 256);
        String to = Payloads.text(grant.path("to"), "");
        String scope = Payloads.text(grant.path("scope"), Control.PAGE);
        if (!scope.equals(Control.PAGE) && !scope.equals(Control.SESSION)) {
            throw new BadFrameException("ctl.grant scope must be page or session");
        }
        Participant grantee = room.active(to);
        if (grantee == null || grantee.role() == Role.SUPERVISOR || Control.speaksForStage(to, room.sharer())) {
            room.refuse(from, in, "bad-grantee", "control can be granted only to another active participant");
            return;
        }
        room.announce(MessageType.SYS_CONTROL, control.grant(to, from.participant.id(), scope).toString());
    }

    private void end(String by, String reason) {
        ObjectNode ended = control.end(by, reason);
        if (ended != null) {
            room.announce(MessageType.SYS_CONTROL, ended.toString());
        }
    }

    @Override
    public void stageChanged(String by) {
        end(by, "stage"); // consent was given for the page that was on the stage
    }

    @Override
    public void pageLoaded() {
        Control.Grant grant = control.grant();
        if (grant != null && grant.scope().equals(Control.PAGE)) {
            end(SERVER, "navigated"); // granted for the page that was left
        }
    }

    @Override
    public void ownerChanged(String ownerId) {
        end(SERVER, "transfer"); // consent was given with another advisor in charge: it is asked for again
    }

    @Override
    public void left(String participantId) {
        if (control.heldBy(participantId)) {
            end(SERVER, "left");
        }
    }

    @Override
    public void welcome(ObjectNode welcome) {
        welcome.set("control", control.state());
    }

    /** Requests, grants and actions since the last call; resets them. */
    int[] takeCounters() {
        return control.takeCounters();
    }
}

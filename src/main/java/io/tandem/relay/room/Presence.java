package io.tandem.relay.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.relay.listener.FrameSink;
import io.tandem.relay.protocol.BadFrameException;
import io.tandem.relay.protocol.FrameCodec;
import io.tandem.relay.protocol.MessageType;
import io.tandem.relay.protocol.Role;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who is in the room as each member sees it (sys.presence, only when their view changed; customers never see silent
 * supervisors), and the room's active time: while the customer and at least one advisor are both connected. Guarded by
 * the room's lock.
 */
final class Presence {

    private final FrameSink tap;
    /** Who was in the room as last recorded (everyone, without round-trip times), so replays show joins and leaves. */
    private String recorded;
    private long activeMillis;
    /** The participant id of the session's owner, as the room last heard it, or null. */
    private String owner;
    private Instant activeSince;

    Presence(FrameSink tap) {
        this.tap = tap;
    }

    String owner() {
        return owner;
    }

    void owner(String id) {
        owner = id;
    }

    /** Sends presence to each member whose view of it changed, and records it if everyone's view changed. */
    void send(Collection<Member> members) {
        for (Member m : members) {
            if (m.inCallOn != null && m.inCallOn != m.outbox) {
                m.inCallOn = null; // that connection is gone (and its queue with it)
            }
        }
        String everyone = "{\"participants\":" + participants(members, Role.SUPERVISOR, false) + "}";
        if (!everyone.equals(recorded)) {
            recorded = everyone;
            tap.frame(FrameSink.SERVER, MessageType.SYS_PRESENCE,
                    FrameCodec.server(MessageType.SYS_PRESENCE, everyone));
        }
        for (Member m : members) {
            if (m.connected()) {
                String view = "{\"participants\":" + participants(members, m.participant.role(), true) + "}";
                if (!view.equals(m.lastPresence)) {
                    m.lastPresence = view;
                    m.outbox.always(FrameCodec.server(MessageType.SYS_PRESENCE, view));
                }
            }
        }
    }

    /**
     * A member says whether it is in the video call ({@code sys.in-call}, {"inCall": true|false}): everyone hears it in
     * presence, so a console can offer to join a call under way. The signaling server keeps the call itself.
     */
    void inCall(Member m, Buffer payload, Collection<Member> members) {
        JsonNode flag = Payloads.json(payload, 64).path("inCall");
        if (!flag.isBoolean()) {
            throw new BadFrameException("sys.in-call needs inCall: true or false");
        }
        Outbox on = flag.booleanValue() ? m.outbox : null;
        if (on != m.inCallOn) {
            m.inCallOn = on;
            send(members);
        }
    }

    /** The participants as {@code viewer} sees them (customers never see silent supervisors). */
    ArrayNode participants(Collection<Member> members, Role viewer, boolean withRtt) {
        ArrayNode list = Payloads.JSON.createArrayNode();
        for (Member m : members) {
            if (viewer == Role.CUSTOMER && m.participant.role() == Role.SUPERVISOR) {
                continue;
            }
            ObjectNode p = list.addObject().put("id", m.participant.id()).put("role", m.participant.role().wire())
                    .put("name", m.participant.name()).put("state", m.state());
            if (m.participant.id().equals(owner)) {
                p.put("owner", true);
            }
            if (m.participant.team() != null) {
                p.put("team", m.participant.team());
            }
            if (m.participant.supervisor()) {
                p.put("seat", "supervisor");
            }
            if (m.inCall()) {
                p.put("call", true);
            }
            if (m.left && m.leftReason != null) {
                p.put("reason", m.leftReason);
            }
            if (withRtt && m.rtt >= 0) {
                p.put("rtt", m.rtt);
            }
        }
        return list;
    }

    /** Starts or stops the active clock, and each advisor's own, as connections come and go. */
    void activity(Collection<Member> members, Instant now) {
        boolean customer = false;
        boolean advisor = false;
        for (Member m : members) {
            boolean timed = m.connected() && m.participant.role() == Role.ADVISOR && !m.participant.isStage();
            if (timed && m.presentSince == null) {
                m.presentSince = now;
            } else if (!timed && m.presentSince != null) {
                m.presentMillis += Duration.between(m.presentSince, now).toMillis();
                m.presentSince = null;
            }
            customer |= m.connected() && m.participant.role() == Role.CUSTOMER;
            advisor |= m.connected() && m.participant.role() == Role.ADVISOR;
        }
        if (customer && advisor && activeSince == null) {
            activeSince = now;
        } else if (!(customer && advisor) && activeSince != null) {
            activeMillis += Duration.between(activeSince, now).toMillis();
            activeSince = null;
        }
    }

    /** Each advisor's whole seconds connected since the last call (none for those with none); remainders carried. */
    Map<String, Long> takeAdvisorSeconds(Collection<Member> members, Instant now) {
        Map<String, Long> seconds = new LinkedHashMap<>();
        for (Member m : members) {
            long ms = m.presentMillis + (m.presentSince == null ? 0 : Duration.between(m.presentSince, now).toMillis());
            if (m.presentSince != null) {
                m.presentSince = now;
            }
            long whole = ms / 1000;
            m.presentMillis = ms - whole * 1000;
            if (whole > 0) {
                seconds.put(m.participant.id(), whole);
            }
        }
        return seconds;
    }

    /** Whole active seconds since the last call; the remainder is carried. */
    long takeActiveSeconds(Instant now) {
        long ms = activeMillis + (activeSince == null ? 0 : Duration.between(activeSince, now).toMillis());
        activeSince = activeSince == null ? null : now;
        long seconds = ms / 1000;
        activeMillis = ms - seconds * 1000;
        return seconds;
    }
}

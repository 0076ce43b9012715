package io.tandem.relay.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.relay.listener.DocumentViewed;
import io.tandem.relay.listener.FrameSink;
import io.tandem.relay.listener.RoomActivity;
import io.tandem.relay.protocol.BadFrameException;
import io.tandem.relay.protocol.CloseCode;
import io.tandem.relay.protocol.FrameCodec;
import io.tandem.relay.protocol.Inbound;
import io.tandem.relay.protocol.MessageType;
import io.tandem.relay.protocol.Role;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.jboss.logging.Logger;

/**
 * One session's live state: who is here, the numbering, the keyframe and replay log, fan-out and presence. Plain Java
 * and one lock, so it is testable without a server; the socket adapter feeds it decoded frames and it routes them by
 * the header's type alone: sys.hello, sys.ping and the page frames (dom.*, ptr.*) here, each other family to its
 * feature (stage, control, document, annotations), which reaches the room through {@link RoomContext}. Payloads are
 * forwarded as the bytes they arrived as; what is relayed goes to the room's {@link FrameSink} (the recording).
 */
public final class Room implements RoomPort {

    private static final Logger LOG = Logger.getLogger(Room.class);

    private final UUID sessionId;
    private final RoomLimits limits;
    private final Clock clock;
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final Map<Peer, Member> byPeer = new LinkedHashMap<>();
    private final Fanout fanout;
    private final Presence presence;
    private final StageFeature stage;
    private final AnnotationFeature annotations;
    private final ControlFeature control;
    private final DocumentFeature document;
    private final LanguageFeature language;
    private final Seats seats;
    /** The features in the order they hear hooks and write sys.welcome. */
    private final List<RoomFeature> features;
    /** Who handles each type, by its family: built once, so routing a frame is an array lookup. */
    private final RoomFeature[] routes = new RoomFeature[MessageType.values().length];
    private boolean ended;
    private boolean retired;
    private final Instant createdAt;

    public Room(UUID sessionId, RoomLimits limits, Clock clock) {
        this(sessionId, limits, clock, FrameSink.NONE);
    }

    public Room(UUID sessionId, RoomLimits limits, Clock clock, FrameSink tap) {
        this(sessionId, limits, clock, tap, FrameBlock.BACKGROUND);
    }

    /** {@code packer} deflates the frames kept for joins and resumes (tests pass one that runs at once). */
    Room(UUID sessionId, RoomLimits limits, Clock clock, FrameSink tap, Executor packer) {
        this.sessionId = sessionId;
        this.limits = limits;
        this.clock = clock;
        this.createdAt = clock.instant();
        this.fanout = new Fanout(sessionId, limits, clock, tap, members, packer);
        this.presence = new Presence(tap);
        this.stage = new StageFeature(fanout);
        this.annotations = new AnnotationFeature(fanout, limits.annotationLogBytes());
        this.control = new ControlFeature(fanout);
        this.document = new DocumentFeature(fanout);
        this.language = new LanguageFeature(fanout);
        this.features = List.of(annotations, stage, control, document, language);
        fanout.features(stage, annotations, features);
        this.seats = new Seats(members, presence, fanout, features);
        RoomFeature page = fanout::relay;
        for (MessageType t : MessageType.values()) {
            routes[t.ordinal()] = switch (t.family()) {
                case SYS -> t == MessageType.SYS_STAGE ? stage : t == MessageType.SYS_LANGUAGE ? language : page;
                case ANN -> annotations;
                case CTL -> control;
                case DOC -> document;
                case DOM, PTR, CALL -> page; // call.*: invitations and screen-share asks, relayed as they are
            };
        }
    }

    public UUID sessionId() {
        return sessionId;
    }

    @Override
    public void receive(Peer peer, Participant who, Inbound in, Buffer frame) {
        receive(peer, who, in);
    }

    /** A connection's first frame must be sys.hello; it makes the connection a member and catches it up. */
    public synchronized void receive(Peer peer, Participant who, Inbound in) {
        if (ended || retired) {
            peer.close(ended ? CloseCode.SESSION_ENDED : CloseCode.GOING_AWAY);
            return;
        }
        Member member = byPeer.get(peer);
        if (member == null) {
            if (in.type() != MessageType.SYS_HELLO) {
                throw new BadFrameException("the first frame must be sys.hello");
            }
            hello(peer, who, in);
            return;
        }
        member.lastHeard = clock.instant();
        Role role = member.participant.role(); // the room's: a supervisor who stepped in speaks as an advisor
        if (!in.type().mayBeSentBy(role)) {
            LOG.infof("Closing %s@%s: a %s may never send %s", who.id(), sessionId, role.wire(), in.type().wire());
            peer.close(CloseCode.FORBIDDEN);
            closed(peer);
            return;
        }
        switch (in.type()) {
            case SYS_HELLO -> throw new BadFrameException("sys.hello was already sent");
            case SYS_PING -> ping(member, in);
            case SYS_IN_CALL -> presence.inCall(member, in.payload(), members.values());
            case SYS_AUTH -> {
                // token renewals are the socket adapter's business; nothing to do for the room
            }
            default -> routes[in.type().ordinal()].receive(member, in);
        }
    }

    /** A connection gone: "reconnecting" until back or past the grace; "left" at once if a customer pressed Stop. */
    @Override
    public synchronized void closed(Peer peer, int clientCode) {
        Member member = byPeer.remove(peer);
        if (member == null || member.outbox == null || member.outbox.peer() != peer) {
            return;
        }
        member.outbox = null;
        member.disconnectedAt = clock.instant();
        if (clientCode == CloseCode.STOPPED_CODE && member.participant.role() == Role.CUSTOMER) {
            member.left = true;
            member.leftReason = "stopped";
            fanout.forget(member.participant.id());
            features.forEach(f -> f.left(member.participant.id()));
        }
        presence.activity(members.values(), clock.instant());
        presence.send(members.values());
    }

    /**
     * Periodic housekeeping: idle and slow connections, participants whose grace has passed. A connection closed here
     * leaves the room at once: its close frame may sit behind data the peer never reads, so the room cannot wait.
     */
    public synchronized void tick() {
        Instant now = clock.instant();
        boolean changed = false;
        List<Peer> drop = new ArrayList<>();
        for (Member m : members.values()) {
            if (m.connected()) {
                Instant slow = m.outbox.slowSince();
                if (m.lastHeard.plus(limits.idleTimeout()).isBefore(now)) {
                    m.outbox.peer().close(CloseCode.IDLE_TIMEOUT);
                    drop.add(m.outbox.peer());
                } else if (slow != null && slow.plus(limits.slowConsumerGrace()).isBefore(now)) {
                    m.outbox.peer().close(CloseCode.SLOW_CONSUMER);
                    drop.add(m.outbox.peer());
                }
            } else if (!m.left && m.disconnectedAt.plus(limits.reconnectGrace()).isBefore(now)) {
                m.left = true;
                fanout.forget(m.participant.id());
                changed = true;
            }
        }
        drop.forEach(this::closed);
        for (Member m : members.values()) {
            if (m.left) {
                features.forEach(f -> f.left(m.participant.id()));
            }
        }
        if (changed) {
            presence.send(members.values());
        }
    }

    /**
     * Someone's place in the session changed (the session feature committed it): a new owner ends any grant of remote
     * control, which must be asked for again; a supervisor stepping in speaks as an advisor from now on, stepping out
     * is silent again. Everyone is told with a numbered sys.notice, then presence.
     */
    public synchronized void change(RoomChange change) {
        if (!ended && !retired) {
            seats.change(change);
            presence.activity(members.values(), clock.instant()); // a supervisor's own time starts or stops here
        }
    }

    /** Tells everyone the session is over and closes every connection with 4409. */
    public synchronized void end(String reason) {
        ended = true;
        closeAll(MessageType.SYS_END, "{\"reason\":\"" + reason + "\"}", CloseCode.SESSION_ENDED);
    }

    /** Tells everyone to reconnect (to any node) and resume; used on graceful shutdown. */
    public synchronized void goingAway() {
        closeAll(MessageType.SYS_RECONNECT, "{}", CloseCode.GOING_AWAY);
    }

    /**
     * A graceful move to another node (multi-node relay): the room's state for the next node to hold it. The room
     * takes no more frames; {@link #goingAway()} then tells everyone to reconnect.
     */
    public synchronized Handover handOver() {
        retired = true;
        List<Handover.MemberState> states = members.values().stream().filter(m -> !m.left)
                .map(m -> new Handover.MemberState(m.participant, m.epoch, m.lastSeq)).toList();
        return new Handover(fanout.lastN, presence.owner(), stage.mode(), stage.sharer(), annotations.keep(), states,
                fanout.keyframe.snapshotFrame(), fanout.keyframe.incrementalFrames(), fanout.keyframe.latestByKey(),
                annotations.frames(), fanout.log.entries(), language.current());
    }

    /**
     * Takes over a room handed from a stopping node, if nobody has used this one yet: numbering continues, the
     * keyframe, drawings and replay log are the old room's, and its participants are "reconnecting" with their
     * sequence numbers, so their clients resume as if the node had not changed.
     */
    public synchronized boolean restore(Handover h) {
        if (!members.isEmpty() || fanout.lastN != 0) {
            return false;
        }
        fanout.lastN = h.lastN();
        presence.owner(h.owner());
        stage.restore(h.stageMode(), h.sharer());
        annotations.restore(h.keepAnnotations(), h.annotations());
        language.restore(h.language());
        fanout.keyframe.restore(h.snapshot(), h.incrementals(), h.latest());
        h.log().forEach(e -> fanout.log.add(e.n(), e.frame()));
        Instant now = clock.instant();
        for (Handover.MemberState state : h.members()) {
            Member m = new Member(state.participant());
            m.epoch = state.epoch();
            m.lastSeq = state.lastSeq();
            m.disconnectedAt = now;
            m.lastHeard = now;
            members.put(state.participant().id(), m);
        }
        return true;
    }

    /** Counters since the last call, for the touchpoint; resets them. */
    public synchronized RoomActivity takeActivity() {
        long seconds = presence.takeActiveSeconds(clock.instant());
        int[] c = control.takeCounters();
        RoomActivity a = new RoomActivity(sessionId, fanout.pagesVisited, seconds, annotations.takeDrawn(), c[0], c[1],
                c[2], presence.takeAdvisorSeconds(members.values(), clock.instant()));
        fanout.pagesVisited = 0;
        return a;
    }

    /** Which document versions were open, how long and which pages, since the last call; resets it. */
    public synchronized List<DocumentViewed> takeDocumentViewings() {
        return document.takeViewings();
    }

    /**
     * True when nobody has been connected for longer than the reconnect grace: the room can go. A room nobody has
     * said hello to yet is given the same grace, since its first connection may be between open and hello.
     */
    public synchronized boolean isAbandoned() {
        if (ended || retired) {
            return true;
        }
        return members.isEmpty()
                ? createdAt.plus(limits.reconnectGrace()).isBefore(clock.instant())
                : members.values().stream().allMatch(m -> m.left);
    }

    /** The registry has dropped this room: connections still holding it are told to reconnect (to a live room). */
    public synchronized void retire() {
        retired = true;
        closeAll(MessageType.SYS_RECONNECT, "{}", CloseCode.GOING_AWAY);
    }

    public synchronized int connections() {
        return byPeer.size();
    }

    public synchronized RoomStats stats() {
        long largest = members.values().stream().filter(Member::connected).mapToLong(m -> m.outbox.inFlight()).max()
                .orElse(0);
        return new RoomStats(byPeer.size(), fanout.keyframe.bytes() + annotations.bytes(), fanout.log.bytes(),
                largest);
    }

    /**
     * The session's video call started, or ended after `seconds` (the signaling server says so): a sys.call frame in
     * the recording, for the replay's marks. Nobody is sent it: the people in the call know.
     */
    public synchronized void callChanged(boolean started, long seconds) {
        if (!ended && !retired) {
            fanout.record(MessageType.SYS_CALL, FrameCodec.server(MessageType.SYS_CALL,
                    started ? "{\"state\":\"started\"}" : "{\"state\":\"ended\",\"seconds\":" + seconds + "}"));
        }
    }

    private void hello(Peer peer, Participant who, Inbound in) {
        JsonNode hello = Payloads.json(in.payload(), 2048);
        String epoch = Payloads.text(hello.path("epoch"), "");
        if (!epoch.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new BadFrameException("sys.hello needs an epoch of 1 to 64 letters, digits, - or _");
        }
        JsonNode resumeNode = hello.path("resume");
        if (!resumeNode.isMissingNode() && !(resumeNode.canConvertToLong() && resumeNode.isIntegralNumber()
                && resumeNode.longValue() >= 0)) {
            throw new BadFrameException("sys.hello resume must be a non-negative integer");
        }
        long resume = resumeNode.asLong(0);
        Member member = members.computeIfAbsent(who.id(), id -> new Member(who));
        member.participant = who; // as admitted now: a transfer or a step-in since is in it
        if (who.owner() && who.role() == Role.ADVISOR) {
            presence.owner(who.id());
        }
        if (member.connected()) {
            Peer old = member.outbox.peer();
            byPeer.remove(old);
            old.close(CloseCode.REPLACED);
        }
        Outbox[] outbox = new Outbox[1];
        outbox[0] = new Outbox(peer, limits.outboundQueueBytes(), clock::instant, () -> caughtUp(member, outbox[0]));
        member.outbox = outbox[0];
        member.lastPresence = null;
        member.left = false;
        member.leftReason = null;
        member.disconnectedAt = null;
        member.lastHeard = clock.instant();
        byPeer.put(peer, member);
        if (!epoch.equals(member.epoch)) {
            member.epoch = epoch;
            member.lastSeq = 0;
        }
        member.unacked = 0;
        member.outbox.always(FrameCodec.server(MessageType.SYS_WELCOME, welcome(member)));
        fanout.catchUp(member, resume);
        presence.activity(members.values(), clock.instant());
        presence.send(members.values());
    }

    private void ping(Member member, Inbound in) {
        member.outbox.always(Buffer.buffer("{\"t\":\"sys.pong\"}\n").appendBuffer(in.payload()));
        if (in.rtt() >= 0) {
            long old = member.rtt;
            member.rtt = in.rtt();
            if (old < 0 || Math.abs(old - in.rtt()) * 5 > old) {
                presence.send(members.values());
            }
        }
        fanout.ack(member);
    }

    /** An outbox that caught up after falling behind; ignored if its connection has since been replaced. */
    private synchronized void caughtUp(Member member, Outbox outbox) {
        if (member.outbox == outbox) {
            fanout.resync(member);
        }
    }

    private void closeAll(MessageType type, String payload, CloseCode code) {
        Buffer frame = FrameCodec.server(type, payload);
        for (Member m : members.values()) {
            if (m.connected()) {
                Peer peer = m.outbox.peer();
                m.outbox.always(frame);
                m.outbox = null;
                m.left = true;
                peer.close(code);
            }
        }
        byPeer.clear();
        presence.activity(members.values(), clock.instant());
    }

    private String welcome(Member m) {
        ObjectNode w = Payloads.JSON.createObjectNode()
                .put("sessionId", sessionId.toString())
                .put("participantId", m.participant.id())
                .put("role", m.participant.role().wire())
                .put("name", m.participant.name())
                .put("acked", m.lastSeq)
                .put("lastN", fanout.lastN)
                .put("remoteControl", limits.remoteControl());
        features.forEach(f -> f.welcome(w));
        w.set("participants", presence.participants(members.values(), m.participant.role(), true));
        return w.toString();
    }
}

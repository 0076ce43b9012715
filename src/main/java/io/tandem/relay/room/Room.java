package io.tandem.relay.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.relay.protocol.BadFrameException;
import io.tandem.relay.protocol.CloseCode;
import io.tandem.relay.protocol.FrameCodec;
import io.tandem.relay.protocol.Inbound;
import io.tandem.relay.protocol.MessageType;
import io.tandem.relay.protocol.Role;
import io.tandem.touchpoint.SessionActivity;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * One session's live state: who is here, whose page is on the stage, the keyframe, the replay log. Plain Java and
 * one lock, so it is testable without a server; the socket adapter feeds it decoded frames and it routes them by
 * the type table and the header alone. Payloads are forwarded as the bytes they arrived as.
 */
public final class Room implements RoomPort {

    /** Reliable frames received before the server acknowledges them. */
    static final int ACK_EVERY = 16;
    private static final Logger LOG = Logger.getLogger(Room.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVER = "server";

    private final UUID sessionId;
    private final RoomLimits limits;
    private final Clock clock;
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final Map<Peer, Member> byPeer = new LinkedHashMap<>();
    private final Map<String, Buffer> pointers = new LinkedHashMap<>();
    private final Keyframe keyframe;
    private final ReplayLog log;
    private final AnnotationLog annotations;
    private final Control control = new Control();
    private final SharedDocument document;
    private final FrameSink recording;
    /** Per sender: when its pointer was last recorded (pointers are recorded sampled, everything else in full). */
    private final Map<String, Long> pointerRecordedAt = new java.util.HashMap<>();
    /** Who was in the room as last recorded (everyone, without round-trip times), so replays show joins and leaves. */
    private String recordedPresence;
    private String stageMode = "customer";
    private String sharer = Participant.CUSTOMER_ID;
    private long lastN;
    private boolean ended;
    private boolean retired;
    private final Instant createdAt;
    private int pagesVisited;
    private int annotationsDrawn;
    /** Annotations persist per page (the advisor chose so); by default a new page on the stage clears them. */
    private boolean keepAnnotations;
    private long activeMillis;
    private Instant activeSince;

    public Room(UUID sessionId, RoomLimits limits, Clock clock) {
        this(sessionId, limits, clock, FrameSink.NONE);
    }

    public Room(UUID sessionId, RoomLimits limits, Clock clock, FrameSink recording) {
        this.recording = recording;
        this.sessionId = sessionId;
        this.limits = limits;
        this.clock = clock;
        this.createdAt = clock.instant();
        this.keyframe = new Keyframe(limits.keyframeIncrementalBytes());
        this.log = new ReplayLog(limits.replayLogBytes());
        this.annotations = new AnnotationLog(limits.annotationLogBytes());
        this.document = new SharedDocument(sessionId);
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
        if (ended) {
            peer.close(CloseCode.SESSION_ENDED);
            return;
        }
        if (retired) {
            peer.close(CloseCode.GOING_AWAY);
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
        if (!in.type().mayBeSentBy(who.role())) {
            peer.close(CloseCode.FORBIDDEN);
            closed(peer);
            return;
        }
        switch (in.type()) {
            case SYS_HELLO -> throw new BadFrameException("sys.hello was already sent");
            case SYS_PING -> ping(member, in);
            case SYS_STAGE -> stage(member, in);
            case SYS_AUTH -> {
                // token renewals are the socket adapter's business; nothing to do for the room
            }
            case CTL_REQUEST, CTL_GRANT, CTL_DENY, CTL_REVOKE, CTL_ACTION -> control(member, in);
            case DOC_OPEN, DOC_CLOSE, DOC_VIEW, DOC_PRESENTER, DOC_FOLLOW -> document(member, in);
            case ANN_KEEP -> {
                keepAnnotations = json(in.payload(), 64).path("keep").asBoolean(false);
                relay(member, in);
            }
            default -> relay(member, in);
        }
    }

    /**
     * The connection is gone; its participant is "reconnecting" until they come back or the grace passes, or "left"
     * at once (reason "stopped") when a customer closed it because they pressed Stop.
     */
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
            pointers.remove(member.participant.id());
            if (control.heldBy(member.participant.id())) {
                endControl(SERVER, "left");
            }
        }
        updateActivity();
        presence();
    }

    /**
     * Periodic housekeeping: idle and slow connections, participants whose grace has passed. A connection closed here
     * leaves the room at once: its close frame may sit behind data the peer never reads, so the room cannot wait.
     */
    public synchronized void tick() {
        Instant now = clock.instant();
        boolean changed = false;
        List<Peer> drop = new java.util.ArrayList<>();
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
                pointers.remove(m.participant.id());
                changed = true;
            }
        }
        drop.forEach(this::closed);
        for (Member m : members.values()) {
            if (m.left && control.heldBy(m.participant.id())) {
                endControl(SERVER, "left");
            }
        }
        if (changed) {
            presence();
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
        return new Handover(lastN, stageMode, sharer, keepAnnotations, states, keyframe.snapshotFrame(),
                keyframe.incrementalFrames(), keyframe.latestByKey(), annotations.frames(), log.entries());
    }

    /**
     * Takes over a room handed from a stopping node, if nobody has used this one yet: numbering continues, the
     * keyframe, drawings and replay log are the old room's, and its participants are "reconnecting" with their
     * sequence numbers, so their clients resume as if the node had not changed.
     */
    public synchronized boolean restore(Handover h) {
        if (!members.isEmpty() || lastN != 0) {
            return false;
        }
        lastN = h.lastN();
        stageMode = h.stageMode();
        sharer = h.sharer();
        keepAnnotations = h.keepAnnotations();
        keyframe.restore(h.snapshot(), h.incrementals(), h.latest());
        h.annotations().forEach(annotations::add);
        h.log().forEach(e -> log.add(e.n(), e.frame()));
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
    public synchronized SessionActivity takeActivity() {
        Instant now = clock.instant();
        long ms = activeMillis + (activeSince == null ? 0 : Duration.between(activeSince, now).toMillis());
        activeSince = activeSince == null ? null : now;
        long seconds = ms / 1000;
        activeMillis = ms - seconds * 1000;
        int[] c = control.takeCounters();
        SessionActivity a = new SessionActivity(sessionId, pagesVisited, seconds, annotationsDrawn, c[0], c[1], c[2]);
        pagesVisited = 0;
        annotationsDrawn = 0;
        return a;
    }

    /** Which document versions were open, how long and which pages, since the last call; resets it. */
    public synchronized List<io.tandem.document.DocumentViewing> takeDocumentViewings() {
        return document.takeViewings(clock.instant());
    }

    /**
     * True when nobody has been connected for longer than the reconnect grace: the room can go. A room nobody has
     * said hello to yet is given the same grace, since its first connection may be between open and hello.
     */
    public synchronized boolean isAbandoned() {
        if (ended || retired) {
            return true;
        }
        if (members.isEmpty()) {
            return createdAt.plus(limits.reconnectGrace()).isBefore(clock.instant());
        }
        return members.values().stream().allMatch(m -> m.left);
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
        return new RoomStats(byPeer.size(), keyframe.bytes() + annotations.bytes(), log.bytes(), largest);
    }

    private void hello(Peer peer, Participant who, Inbound in) {
        JsonNode hello = json(in.payload(), 2048);
        JsonNode epochNode = hello.path("epoch");
        String epoch = epochNode.isTextual() ? epochNode.textValue() : "";
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
        // a resume point this room never reached (another node, or a room that was dropped) cannot be trusted
        List<Buffer> missed = resume > 0 && resume <= lastN ? log.after(resume, lastN) : null;
        if (missed != null) {
            missed.forEach(member.outbox::always);
            latestValues(member);
        } else if (!isSharer(member)) {
            resync(member);
        } else {
            annotations.frames().forEach(member.outbox::always); // the sharer's page shows the others' drawings
        }
        if (keyframe.isEmpty() && (!isSharer(member) || resume > lastN)) {
            // a viewer needs the page; or the sharer's page resumes past anything this room knows: the room it
            // talked to is gone (another node, or dropped), and so is the page it had
            requestSnapshot("keyframe-missing");
        }
        updateActivity();
        presence();
    }

    private void ping(Member member, Inbound in) {
        member.outbox.always(Buffer.buffer("{\"t\":\"sys.pong\"}\n").appendBuffer(in.payload()));
        if (in.rtt() >= 0) {
            long old = member.rtt;
            member.rtt = in.rtt();
            if (old < 0 || Math.abs(old - in.rtt()) * 5 > old) {
                presence();
            }
        }
        ack(member);
    }

    private void stage(Member member, Inbound in) {
        JsonNode stage = json(in.payload(), 256);
        JsonNode modeNode = stage.path("mode");
        String mode = modeNode.isTextual() ? modeNode.textValue() : "";
        if (!mode.equals("customer") && !mode.equals("advisor")) {
            throw new BadFrameException("sys.stage mode must be customer or advisor");
        }
        // an advisor shares either from this connection or from their page on the stage (stage:{id})
        String own = member.participant.id();
        String named = stage.path("sharer").isTextual() ? stage.path("sharer").textValue() : own;
        if (mode.equals("advisor") && !named.equals(own) && !named.equals(Participant.stageId(own))) {
            throw new BadFrameException("sys.stage sharer must be the sender or the sender's stage page");
        }
        stageMode = mode;
        sharer = mode.equals("customer") ? Participant.CUSTOMER_ID : named;
        keyframe.clear();
        annotations.clear(); // drawings belong to the page that was on the stage
        long n = ++lastN;
        Buffer frame = Buffer.buffer("{\"t\":\"sys.stage\",\"n\":" + n + ",\"from\":\"" + SERVER + "\"}\n"
                + stageJson());
        log.add(n, frame);
        recording.record(sessionId, frame);
        for (Member m : members.values()) {
            if (m.connected()) {
                m.outbox.always(frame);
            }
        }
        endControl(own, "stage"); // consent was given for the page that was on the stage
        requestSnapshot("stage");
    }

    private void relay(Member from, Inbound in) {
        if (accept(from, in)) {
            forward(from, in);
        }
    }

    /** Counts a reliable frame as received (acknowledging in batches); false if it was already. */
    private boolean accept(Member from, Inbound in) {
        if (in.type().delivery() != MessageType.Delivery.RELIABLE) {
            return true;
        }
        if (in.seq() <= from.lastSeq) {
            return false; // already received: a resend after reconnecting
        }
        from.lastSeq = in.seq();
        if (++from.unacked >= ACK_EVERY) {
            ack(from);
        }
        return true;
    }

    private void forward(Member from, Inbound in) {
        MessageType type = in.type();
        boolean reliable = type.delivery() == MessageType.Delivery.RELIABLE;
        if (type.sender() == MessageType.Sender.SHARER && !isSharer(from)) {
            return; // from the previous sharer, in flight while the stage changed hands: consumed, not relayed
        }
        long n = reliable ? ++lastN : 0;
        Buffer frame = FrameCodec.forward(type, n, from.participant.id(), in.ts(), in.key(), in.payload());
        // only latest-wins frames need their coalescing key; reliable ones skip the string building
        String latestKey = reliable
                ? null
                : from.participant.id() + "|" + type.wire() + "|" + (in.key() == null ? "" : in.key());
        switch (type.keyframe()) {
            case SNAPSHOT -> keyframe.snapshot(frame);
            case INCREMENTAL -> {
                if (keyframe.incremental(frame)) {
                    requestSnapshot("keyframe-bound");
                }
            }
            case LATEST -> keyframe.latest(latestKey, frame);
            case ANNOTATION -> annotations.add(frame);
            case ANNOTATION_RESET -> {
                annotations.clear();
                annotations.add(frame);
            }
            case NONE -> {
                if (type == MessageType.PTR_MOVE) {
                    pointers.put(from.participant.id(), frame);
                }
            }
        }
        if (reliable) {
            log.add(n, frame);
        }
        if (type == MessageType.ANN_END) {
            annotationsDrawn++;
        }
        record(from, type, frame);
        for (Member to : members.values()) {
            if (to != from && to.connected()) {
                if (reliable) {
                    to.outbox.reliable(frame);
                } else {
                    to.outbox.latest(latestKey, frame);
                }
            }
        }
        if (type == MessageType.DOM_NAV && "load".equals(in.key())) {
            pagesVisited++;
            if (!keepAnnotations) {
                annotations.clear(); // the drawings were on the page that was left; viewers drop them too
            }
            Control.Grant grant = control.grant();
            if (grant != null && grant.scope().equals(Control.PAGE)) {
                endControl(SERVER, "navigated"); // granted for the page that was left
            }
        }
    }

    /**
     * Remote control: requests and actions are relayed (and so logged for replay), grants and revocations change the
     * room's control state, which everyone learns from a numbered sys.control. A frame the sender may not send now
     * (it does not speak for the stage page, or holds no grant) is consumed and answered with sys.error.
     */
    private void control(Member from, Inbound in) {
        if (!accept(from, in)) {
            return;
        }
        String id = from.participant.id();
        boolean forStage = Control.speaksForStage(id, sharer);
        switch (in.type()) {
            case CTL_REQUEST -> {
                if (!limits.remoteControl()) {
                    refuse(from, in, "view-only", "remote control is off on this site");
                } else if (forStage) {
                    refuse(from, in, "not-applicable", "the page on the stage is the sender's own");
                } else {
                    control.requested();
                    forward(from, in);
                }
            }
            case CTL_DENY -> {
                if (forStage) {
                    forward(from, in);
                } else {
                    refuse(from, in, "not-stage-owner", "only the page on the stage can deny control of it");
                }
            }
            case CTL_GRANT -> grant(from, in, forStage);
            case CTL_REVOKE -> {
                if (forStage || control.heldBy(id)) {
                    endControl(id, control.heldBy(id) ? "released" : "revoked");
                } else if (control.grant() != null) {
                    refuse(from, in, "not-stage-owner", "only the page on the stage can revoke control of it");
                }
            }
            case CTL_ACTION -> {
                if (control.heldBy(id)) {
                    control.acted();
                    forward(from, in);
                } else {
                    refuse(from, in, "control-not-granted", "control of the stage page is not granted to the sender");
                }
            }
            default -> throw new IllegalArgumentException(in.type().wire());
        }
    }

    /**
     * The shared document: the advisor opens and closes it and presents first; only the presenter sends its view and
     * "follow me"; the presenter (or an advisor) hands presenting to another active participant. Frames the sender
     * may not send now are consumed and answered with sys.error, as control frames are.
     */
    private void document(Member from, Inbound in) {
        if (!accept(from, in)) {
            return;
        }
        String id = from.participant.id();
        MessageType type = in.type();
        if (type == MessageType.DOC_OPEN) {
            JsonNode open = json(in.payload(), 1024);
            document.open((ObjectNode) open, uuid(open.path("versionId"), "doc.open versionId"), id, clock.instant());
            forward(from, in);
        } else if (!document.isOpen()) {
            refuse(from, in, "no-document", "no document is open");
        } else if (type == MessageType.DOC_CLOSE) {
            document.close(clock.instant());
            forward(from, in);
        } else if (type == MessageType.DOC_PRESENTER) {
            JsonNode p = json(in.payload(), 256);
            Member to = members.get(p.path("to").asText(""));
            if (!id.equals(document.presenter()) && from.participant.role() != Role.ADVISOR) {
                refuse(from, in, "not-presenter", "only the presenter or an advisor hands over presenting");
            } else if (to == null || to.left || to.participant.role() == Role.SUPERVISOR) {
                refuse(from, in, "bad-presenter", "presenting can be handed only to an active participant");
            } else {
                document.presenter(to.participant.id());
                forward(from, in);
            }
        } else if (!id.equals(document.presenter())) {
            refuse(from, in, "not-presenter", "only the presenter leads the document");
        } else {
            if (type == MessageType.DOC_VIEW) {
                JsonNode view = json(in.payload(), 256);
                if (!view.path("page").isInt() || view.path("page").intValue() < 1) {
                    throw new BadFrameException("doc.view page must be a whole number from 1");
                }
                document.view(view);
            }
            forward(from, in);
        }
    }

    private static UUID uuid(JsonNode node, String what) {
        try {
            return UUID.fromString(node.asText(""));
        } catch (IllegalArgumentException e) {
            throw new BadFrameException(what + " must be a UUID");
        }
    }

    private void grant(Member from, Inbound in, boolean forStage) {
        if (!forStage) {
            refuse(from, in, "not-stage-owner", "only the page on the stage can grant control of it");
            return;
        }
        if (!limits.remoteControl()) {
            refuse(from, in, "view-only", "remote control is off on this site");
            return;
        }
        JsonNode grant = json(in.payload(), 256);
        String to = grant.path("to").isTextual() ? grant.path("to").textValue() : "";
        String scope = grant.path("scope").isTextual() ? grant.path("scope").textValue() : Control.PAGE;
        if (!scope.equals(Control.PAGE) && !scope.equals(Control.SESSION)) {
            throw new BadFrameException("ctl.grant scope must be page or session");
        }
        Member grantee = members.get(to);
        if (grantee == null || grantee.left || grantee.participant.role() == Role.SUPERVISOR
                || Control.speaksForStage(to, sharer)) {
            refuse(from, in, "bad-grantee", "control can be granted only to another active participant");
            return;
        }
        announceControl(control.grant(to, from.participant.id(), scope));
    }

    private void endControl(String by, String reason) {
        ObjectNode ended = control.end(by, reason);
        if (ended != null) {
            announceControl(ended);
        }
    }

    /** A numbered, logged sys.control to everyone, like sys.stage: resuming clients replay it in order. */
    private void announceControl(ObjectNode state) {
        long n = ++lastN;
        Buffer frame = Buffer.buffer("{\"t\":\"sys.control\",\"n\":" + n + ",\"from\":\"" + SERVER + "\"}\n" + state);
        log.add(n, frame);
        recording.record(sessionId, frame);
        for (Member m : members.values()) {
            if (m.connected()) {
                m.outbox.always(frame);
            }
        }
    }

    /** Everything relayed is recorded, pointer moves and laser trails at most four times a second per sender. */
    private void record(Member from, MessageType type, Buffer frame) {
        if (type == MessageType.PTR_MOVE || type == MessageType.PTR_LASER) {
            long now = clock.millis();
            Long last = pointerRecordedAt.get(from.participant.id());
            if (last != null && now - last < 250) {
                return;
            }
            pointerRecordedAt.put(from.participant.id(), now);
        }
        recording.record(sessionId, frame);
    }

    /** Consumes a frame the sender may not send now, tells the sender why, and logs it; nobody else notices. */
    private void refuse(Member from, Inbound in, String code, String detail) {
        LOG.infof("Session %s: refused %s from %s (%s)", sessionId, in.type().wire(), from.participant.id(), code);
        ObjectNode error = JSON.createObjectNode().put("code", code).put("type", in.type().wire())
                .put("s", in.seq()).put("detail", detail);
        from.outbox.always(FrameCodec.server(MessageType.SYS_ERROR, error.toString()));
    }

    /** Brings a viewer to the current page from the keyframe alone: never by asking the sharer's browser. */
    private synchronized void resync(Member member) {
        if (!member.connected()) {
            return;
        }
        member.outbox.always(FrameCodec.server(MessageType.SYS_RESET, "{\"n\":" + lastN + "}"));
        keyframe.frames().forEach(member.outbox::always);
        annotations.frames().forEach(member.outbox::always);
        pointersFor(member);
    }

    /** An outbox that caught up after falling behind; ignored if its connection has since been replaced. */
    private synchronized void caughtUp(Member member, Outbox outbox) {
        if (member.outbox == outbox) {
            resync(member);
        }
    }

    private void latestValues(Member member) {
        if (!isSharer(member)) {
            keyframe.latestFrames().forEach(member.outbox::always);
        }
        pointersFor(member);
    }

    private void pointersFor(Member member) {
        pointers.forEach((id, frame) -> {
            if (!id.equals(member.participant.id())) {
                member.outbox.always(frame);
            }
        });
    }

    private void ack(Member member) {
        member.unacked = 0;
        member.outbox.always(FrameCodec.server(MessageType.SYS_ACK, "{\"s\":" + member.lastSeq + "}"));
    }

    private void requestSnapshot(String reason) {
        Member s = members.get(sharer);
        if (s != null && s.connected()) {
            s.outbox.always(FrameCodec.server(MessageType.SYS_SNAPSHOT_REQUEST, "{\"reason\":\"" + reason + "\"}"));
        }
    }

    private boolean isSharer(Member m) {
        return m.participant.id().equals(sharer);
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
        updateActivity();
    }

    /** Active time: while the customer and at least one advisor are both connected. */
    private void updateActivity() {
        boolean customer = false;
        boolean advisor = false;
        for (Member m : members.values()) {
            customer |= m.connected() && m.participant.role() == Role.CUSTOMER;
            advisor |= m.connected() && m.participant.role() == Role.ADVISOR;
        }
        Instant now = clock.instant();
        if (customer && advisor && activeSince == null) {
            activeSince = now;
        } else if (!(customer && advisor) && activeSince != null) {
            activeMillis += Duration.between(activeSince, now).toMillis();
            activeSince = null;
        }
    }

    /** Sends presence to each member whose view of it changed; customers' views never include supervisors. */
    private void presence() {
        String everyone = "{\"participants\":" + participants(Role.SUPERVISOR, false) + "}";
        if (!everyone.equals(recordedPresence)) {
            recordedPresence = everyone;
            recording.record(sessionId, FrameCodec.server(MessageType.SYS_PRESENCE, everyone));
        }
        for (Member m : members.values()) {
            if (m.connected()) {
                String view = "{\"participants\":" + participants(m.participant.role()) + "}";
                if (!view.equals(m.lastPresence)) {
                    m.lastPresence = view;
                    m.outbox.always(FrameCodec.server(MessageType.SYS_PRESENCE, view));
                }
            }
        }
    }

    /** Customers never see silent supervisors. */
    private String participants(Role viewer) {
        return participants(viewer, true);
    }

    private String participants(Role viewer, boolean withRtt) {
        ArrayNode list = JSON.createArrayNode();
        for (Member m : members.values()) {
            if (viewer == Role.CUSTOMER && m.participant.role() == Role.SUPERVISOR) {
                continue;
            }
            ObjectNode p = list.addObject().put("id", m.participant.id()).put("role", m.participant.role().wire())
                    .put("name", m.participant.name()).put("state", m.state());
            if (m.left && m.leftReason != null) {
                p.put("reason", m.leftReason);
            }
            if (withRtt && m.rtt >= 0) {
                p.put("rtt", m.rtt);
            }
        }
        return list.toString();
    }

    private String stageJson() {
        return "{\"mode\":\"" + stageMode + "\",\"sharer\":\"" + sharer + "\"}";
    }

    private String welcome(Member m) {
        ObjectNode w = JSON.createObjectNode()
                .put("sessionId", sessionId.toString())
                .put("participantId", m.participant.id())
                .put("role", m.participant.role().wire())
                .put("name", m.participant.name())
                .put("acked", m.lastSeq)
                .put("lastN", lastN)
                .put("remoteControl", limits.remoteControl())
                .put("keepAnnotations", keepAnnotations);
        w.set("stage", json(Buffer.buffer(stageJson()), 256));
        w.set("control", control.state());
        w.set("document", document.state());
        try {
            w.set("participants", JSON.readTree(participants(m.participant.role())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }

    private static JsonNode json(Buffer payload, int max) {
        if (payload.length() > max) {
            throw new BadFrameException("payload larger than " + max + " bytes");
        }
        try {
            JsonNode node = JSON.readTree(payload.getBytes());
            if (node == null || !node.isObject()) {
                throw new BadFrameException("payload must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new BadFrameException("payload is not valid JSON");
        }
    }
}

package io.tandem.relay.room;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.relay.listener.FrameSink;
import io.tandem.relay.protocol.FrameCodec;
import io.tandem.relay.protocol.Inbound;
import io.tandem.relay.protocol.MessageType;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.jboss.logging.Logger;

/**
 * The room's stream: numbering, acknowledgements, the keyframe, the replay log, the latest pointers, and sending each
 * frame to every other member (and to the room's {@link FrameSink}). It is the {@link RoomContext} the features see,
 * and catches members up. Guarded by the room's lock.
 */
final class Fanout implements RoomContext {

    /** Reliable frames received before the server acknowledges them. */
    static final int ACK_EVERY = 16;
    private static final Logger LOG = Logger.getLogger(Room.class);
    private static final String SERVER = FrameSink.SERVER;

    private final UUID sessionId;
    private final RoomLimits limits;
    private final Clock clock;
    private final FrameSink tap;
    private final Map<String, Member> members;
    private final Map<String, Buffer> pointers = new LinkedHashMap<>();
    final Keyframe keyframe;
    final ReplayLog log;
    private StageFeature stage;
    private AnnotationFeature annotations;
    private List<RoomFeature> features = List.of();
    long lastN;
    int pagesVisited;

    Fanout(UUID sessionId, RoomLimits limits, Clock clock, FrameSink tap, Map<String, Member> members,
            Executor packer) {
        this.sessionId = sessionId;
        this.limits = limits;
        this.clock = clock;
        this.tap = tap;
        this.members = members;
        FrameRuns.Sealer sealer = new FrameRuns.Sealer(packer); // runs of the same frames are packed once
        this.keyframe = new Keyframe(limits.keyframeIncrementalBytes(), sealer, packer);
        this.log = new ReplayLog(limits.replayLogBytes(), sealer);
    }

    /** The features, once made with this context: they hear the hooks in this order. */
    void features(StageFeature stage, AnnotationFeature annotations, List<RoomFeature> features) {
        this.stage = stage;
        this.annotations = annotations;
        this.features = features;
    }

    @Override
    public UUID sessionId() {
        return sessionId;
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public RoomLimits limits() {
        return limits;
    }

    @Override
    public String sharer() {
        return stage.sharer();
    }

    @Override
    public Participant active(String id) {
        Member m = members.get(id);
        return m == null || m.left ? null : m.participant;
    }

    @Override
    public boolean accept(Member from, Inbound in) {
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

    @Override
    public Buffer forward(Member from, Inbound in) {
        MessageType type = in.type();
        boolean reliable = type.delivery() == MessageType.Delivery.RELIABLE;
        if (type.sender() == MessageType.Sender.SHARER && !isSharer(from)) {
            return null; // from the previous sharer, in flight while the stage changed hands: consumed, not relayed
        }
        long n = reliable ? ++lastN : 0;
        Buffer frame = FrameCodec.forward(type, n, from.participant.id(), in.ts(), in.key(), in.payload());
        // only latest-wins frames need their coalescing key; reliable ones skip the string building
        String latestKey = reliable ? null : from.latestKey(type, in.key());
        FrameBlock snapshot = null;
        switch (type.keyframe()) {
            case SNAPSHOT -> snapshot = keyframe.snapshot(frame);
            case INCREMENTAL -> {
                if (keyframe.incremental(n, frame)) {
                    requestSnapshot("keyframe-bound");
                }
            }
            case LATEST -> keyframe.latest(latestKey, frame);
            case NONE -> {
                if (type == MessageType.PTR_MOVE) {
                    pointers.put(from.participant.id(), frame);
                }
            }
            case ANNOTATION, ANNOTATION_RESET -> {
                // kept by the annotation feature, which forwarded it
            }
        }
        if (snapshot != null) {
            log.add(n, snapshot); // the keyframe's block: one copy, deflated once
        } else if (reliable) {
            log.add(n, frame);
        }
        tap.frame(from.participant.id(), type, frame);
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
            features.forEach(RoomFeature::pageLoaded);
        }
        return frame;
    }

    @Override
    public void announce(MessageType type, String payload) {
        long n = ++lastN;
        Buffer frame = Buffer.buffer("{\"t\":\"" + type.wire() + "\",\"n\":" + n + ",\"from\":\"" + SERVER + "\"}\n"
                + payload);
        log.add(n, frame);
        tap.frame(SERVER, type, frame);
        for (Member m : members.values()) {
            if (m.connected()) {
                m.outbox.always(frame);
            }
        }
    }

    @Override
    public void refuse(Member from, Inbound in, String code, String detail) {
        LOG.infof("Session %s: refused %s from %s (%s)", sessionId, in.type().wire(), from.participant.id(), code);
        ObjectNode error = Payloads.JSON.createObjectNode().put("code", code).put("type", in.type().wire())
                .put("s", in.seq()).put("detail", detail);
        from.outbox.always(FrameCodec.server(MessageType.SYS_ERROR, error.toString()));
    }

    @Override
    public void requestSnapshot(String reason) {
        Member s = members.get(stage.sharer());
        if (s != null && s.connected()) {
            s.outbox.always(FrameCodec.server(MessageType.SYS_SNAPSHOT_REQUEST, "{\"reason\":\"" + reason + "\"}"));
        }
    }

    @Override
    public void stageChanged(String by) {
        keyframe.clear();
        features.forEach(f -> f.stageChanged(by));
    }

    /** A frame for the recording alone (nobody is sent it). */
    void record(MessageType type, Buffer frame) {
        tap.frame(SERVER, type, frame);
    }

    void ack(Member member) {
        member.unacked = 0;
        member.outbox.always(FrameCodec.server(MessageType.SYS_ACK, "{\"s\":" + member.lastSeq + "}"));
    }

    /**
     * Catches up a member who just said hello (after sys.welcome): the frames after its resume point if this room
     * has them, else the current page from the keyframe; asks for a snapshot if the keyframe is needed but empty.
     */
    void catchUp(Member member, long resume) {
        // a resume point this room never reached (another node, or a room that was dropped) cannot be trusted
        List<Buffer> missed = resume > 0 && resume <= lastN ? log.after(resume, lastN) : null;
        if (missed != null) {
            missed.forEach(member.outbox::always);
            if (!isSharer(member)) {
                keyframe.latestFrames().forEach(member.outbox::always);
            }
            pointersFor(member);
        } else if (!isSharer(member)) {
            resync(member);
        } else {
            annotations.frames().forEach(member.outbox::always); // the sharer's page shows the others' drawings
        }
        if (resume > lastN) {
            tap.roomLost(); // what the room this one replaces relayed may not all be recorded
        }
        if (keyframe.isEmpty() && (!isSharer(member) || resume > lastN)) {
            // a viewer needs the page; or the sharer's page resumes past anything this room knows: the room it
            // talked to is gone (another node, or dropped), and so is the page it had
            requestSnapshot("keyframe-missing");
        }
    }

    /** Brings a viewer to the current page from the keyframe alone: never by asking the sharer's browser. */
    void resync(Member member) {
        if (!member.connected()) {
            return;
        }
        member.outbox.always(FrameCodec.server(MessageType.SYS_RESET, "{\"n\":" + lastN + "}"));
        keyframe.frames().forEach(member.outbox::always);
        annotations.frames().forEach(member.outbox::always);
        pointersFor(member);
    }

    /** The participant left: their pointer goes. */
    void forget(String participantId) {
        pointers.remove(participantId);
    }

    private void pointersFor(Member member) {
        pointers.forEach((id, frame) -> {
            if (!id.equals(member.participant.id())) {
                member.outbox.always(frame);
            }
        });
    }

    private boolean isSharer(Member m) {
        return m.participant.id().equals(stage.sharer());
    }
}

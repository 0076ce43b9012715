package io.tandem.relay.room;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.relay.protocol.Inbound;
import io.tandem.relay.protocol.MessageType;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * Annotations (ann.*): relayed to everyone and kept in the annotation log, replayed after the keyframe. They belong to
 * the page on the stage: a new stage clears them, and so does a new page unless the advisor chose to keep them
 * (ann.keep). Counts finished drawings for the touchpoint. Guarded by the room's lock.
 */
final class AnnotationFeature implements RoomFeature {

    private final RoomContext room;
    private final AnnotationLog log;
    /** Annotations persist per page (the advisor chose so); by default a new page on the stage clears them. */
    private boolean keep;
    private int drawn;

    AnnotationFeature(RoomContext room, long maxBytes) {
        this.room = room;
        this.log = new AnnotationLog(maxBytes);
    }

    @Override
    public void receive(Member from, Inbound in) {
        if (in.type() == MessageType.ANN_KEEP) {
            keep = Payloads.json(in.payload(), 64).path("keep").asBoolean(false);
        }
        if (!room.accept(from, in)) {
            return;
        }
        Buffer frame = room.forward(from, in);
        if (frame == null) {
            return;
        }
        if (in.type().keyframe() == MessageType.Keyframe.ANNOTATION_RESET) {
            log.clear();
        }
        log.add(frame);
        if (in.type() == MessageType.ANN_END) {
            drawn++;
        }
    }

    @Override
    public void stageChanged(String by) {
        log.clear(); // drawings belong to the page that was on the stage
    }

    @Override
    public void pageLoaded() {
        if (!keep) {
            log.clear(); // the drawings were on the page that was left; viewers drop them too
        }
    }

    @Override
    public void welcome(ObjectNode welcome) {
        welcome.put("keepAnnotations", keep);
    }

    boolean keep() {
        return keep;
    }

    List<Buffer> frames() {
        return log.frames();
    }

    long bytes() {
        return log.bytes();
    }

    void restore(boolean keep, List<Buffer> frames) {
        this.keep = keep;
        frames.forEach(log::add);
    }

    int takeDrawn() {
        int d = drawn;
        drawn = 0;
        return d;
    }
}

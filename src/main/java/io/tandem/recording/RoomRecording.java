package io.tandem.recording;

import io.tandem.relay.listener.FrameSink;
import io.tandem.relay.listener.RoomListener;
import io.tandem.relay.protocol.MessageType;
import io.tandem.settings.Settings;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The recording's ear on the relay: a room opened while recording is on (the admin's setting at that time) hands it
 * everything it relays, pointer moves and laser trails at most four times a second per sender; a session that ends
 * gets its final chunk.
 */
@ApplicationScoped
public class RoomRecording implements RoomListener {

    /** Pointer frames closer together than this, from one sender, are not recorded. */
    static final long POINTER_SAMPLE_MILLIS = 250;

    private final Recorder recorder;
    private final Settings settings;
    private final Clock clock;

    public RoomRecording(Recorder recorder, Settings settings, Clock clock) {
        this.recorder = recorder;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public FrameSink frames(UUID sessionId) {
        if (!settings.recording()) {
            return FrameSink.NONE;
        }
        return sampled(sessionId, clock, recorder::record, recorder::roomLost);
    }

    @Override
    public void ended(UUID sessionId) {
        recorder.finish(sessionId);
    }

    /**
     * One room's frames into its recording, pointer moves and laser trails sampled per sender, and the room's word that
     * it replaces a lost one to {@code lost}. Called under the room's lock, so its state needs no lock of its own.
     */
    static FrameSink sampled(UUID sessionId, Clock clock, BiConsumer<UUID, Buffer> record, Consumer<UUID> lost) {
        Map<String, Long> pointerRecordedAt = new HashMap<>(); // per sender: when its pointer was last recorded
        return new FrameSink() {
            @Override
            public void frame(String from, MessageType type, Buffer frame) {
                if (type == MessageType.PTR_MOVE || type == MessageType.PTR_LASER) {
                    long now = clock.millis();
                    Long last = pointerRecordedAt.get(from);
                    if (last != null && now - last < POINTER_SAMPLE_MILLIS) {
                        return;
                    }
                    pointerRecordedAt.put(from, now);
                }
                record.accept(sessionId, frame);
            }

            @Override
            public void roomLost() {
                lost.accept(sessionId);
            }
        };
    }
}

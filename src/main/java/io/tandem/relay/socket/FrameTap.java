package io.tandem.relay.socket;

import io.tandem.config.RelayConfig;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test mode only (tandem.relay.frame-tap): a copy of every frame the relay receives, per session, so browser tests
 * can prove that a masked value never left the customer's browser. Off, it costs one boolean check per frame.
 */
@ApplicationScoped
public class FrameTap {

    private static final long MAX_BYTES = 256L * 1024 * 1024;

    private final boolean enabled;
    private final Map<UUID, List<byte[]>> frames = new ConcurrentHashMap<>();
    private long bytes;

    public FrameTap(RelayConfig config) {
        this.enabled = config.frameTap();
    }

    public boolean enabled() {
        return enabled;
    }

    void record(UUID sessionId, Buffer frame) {
        synchronized (this) {
            if (bytes + frame.length() > MAX_BYTES) {
                return;
            }
            bytes += frame.length();
        }
        frames.computeIfAbsent(sessionId, id -> java.util.Collections.synchronizedList(new ArrayList<>()))
                .add(frame.getBytes());
    }

    /** Every frame received for the session so far, in arrival order. */
    public List<byte[]> frames(UUID sessionId) {
        List<byte[]> list = frames.get(sessionId);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return List.copyOf(list);
        }
    }
}

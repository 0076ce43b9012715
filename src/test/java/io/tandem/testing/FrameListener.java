package io.tandem.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.testing.RelayClient.Frame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.ObjIntConsumer;

/**
 * Reads relay frames off a JDK WebSocket ({@link Wire}): binary messages (fragments joined) of a one-line JSON header
 * and the payload. Hands each frame, and the close code (-1 when the connection dropped without one), to the
 * callbacks, in the order they arrive. A text message (which the relay never sends) arrives as type {@code text-frame},
 * a header that is not JSON as {@code unreadable}. While {@code reading} says no, it asks for no more messages, so the
 * socket's receive window fills as a stalled browser's would.
 */
public final class FrameListener implements WebSocket.Listener {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Consumer<Frame> frames;
    private final ObjIntConsumer<String> closed;
    private final BooleanSupplier reading;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    public FrameListener(Consumer<Frame> frames, IntConsumer closed) {
        this(frames, closed, () -> true);
    }

    public FrameListener(Consumer<Frame> frames, IntConsumer closed, BooleanSupplier reading) {
        this(frames, (reason, code) -> closed.accept(code), reading);
    }

    /** {@code closed} also gets the close frame's reason (null when the connection dropped without one). */
    public FrameListener(Consumer<Frame> frames, ObjIntConsumer<String> closed, BooleanSupplier reading) {
        this.frames = frames;
        this.closed = closed;
        this.reading = reading;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        partial.writeBytes(bytes);
        if (last) {
            byte[] whole = partial.toByteArray();
            partial.reset();
            int lf = 0;
            while (lf < whole.length && whole[lf] != '\n') {
                lf++;
            }
            try {
                JsonNode header = JSON.readTree(new String(whole, 0, lf, StandardCharsets.UTF_8));
                frames.accept(new Frame(header, Arrays.copyOfRange(whole, Math.min(lf + 1, whole.length),
                        whole.length)));
            } catch (IOException e) {
                frames.accept(new Frame(JSON.createObjectNode().put("t", "unreadable"), whole));
            }
        }
        if (reading.getAsBoolean()) {
            ws.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        frames.accept(new Frame(JSON.createObjectNode().put("t", "text-frame"), data.toString().getBytes(
                StandardCharsets.UTF_8)));
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closed.accept(reason, statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closed.accept(null, -1);
    }
}

package io.tandem.relay.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/**
 * A JSON object on the first line of a buffer and the bytes after it: the shape of the multi-node relay's channel
 * messages and room handovers. Only the line is parsed; the rest is left as it is.
 *
 * @param body where the bytes after the line start
 */
public record HeadLine(JsonNode head, int body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Splits {@code buffer}; IllegalArgumentException without a JSON object line within {@code maxHead} bytes. */
    public static HeadLine split(Buffer buffer, int maxHead) {
        for (int i = 0, n = Math.min(buffer.length(), maxHead); i < n; i++) {
            if (buffer.getByte(i) == '\n') {
                try {
                    JsonNode head = JSON.readTree(buffer.getBytes(0, i));
                    if (head == null || !head.isObject()) {
                        throw new IllegalArgumentException("the first line is not a JSON object");
                    }
                    return new HeadLine(head, i + 1);
                } catch (IOException e) {
                    throw new IllegalArgumentException("the first line is not JSON");
                }
            }
        }
        throw new IllegalArgumentException("no head line within " + maxHead + " bytes");
    }
}

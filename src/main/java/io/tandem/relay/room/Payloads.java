package io.tandem.relay.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.relay.protocol.BadFrameException;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.UUID;

/** The few payloads the room reads (control frames, never the hot path's): bounded JSON objects. */
final class Payloads {

    static final ObjectMapper JSON = new ObjectMapper();

    private Payloads() {}

    static JsonNode json(Buffer payload, int max) {
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

    static String text(JsonNode node, String fallback) {
        return node.isTextual() ? node.textValue() : fallback;
    }

    static UUID uuid(JsonNode node, String what) {
        try {
            return UUID.fromString(node.asText(""));
        } catch (IllegalArgumentException e) {
            throw new BadFrameException(what + " must be a UUID");
        }
    }
}

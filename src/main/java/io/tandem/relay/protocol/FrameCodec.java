package io.tandem.relay.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The relay's one frame format: a binary WebSocket message holding a one-line JSON header, a line feed, then the
 * payload bytes. Only the header (at most {@link #MAX_HEADER_BYTES}) is ever parsed; payloads are sliced and copied
 * through untouched.
 */
public final class FrameCodec {

    public static final int MAX_HEADER_BYTES = 512;
    private static final byte LF = '\n';
    private static final JsonFactory JSON = new JsonFactory();

    private FrameCodec() {}

    /** Reads a client frame's header; throws {@link BadFrameException} for anything not in the protocol. */
    public static Inbound decode(Buffer frame) {
        int limit = Math.min(frame.length(), MAX_HEADER_BYTES + 1);
        int lf = -1;
        for (int i = 0; i < limit; i++) {
            if (frame.getByte(i) == LF) {
                lf = i;
                break;
            }
        }
        if (lf < 0) {
            throw new BadFrameException("no header line within " + MAX_HEADER_BYTES + " bytes");
        }
        byte[] header = frame.getBytes(0, lf);
        for (byte b : header) {
            if ((b < 0x20 || b > 0x7e) && b != '\t' && b != '\r') {
                throw new BadFrameException("header bytes must be printable ASCII");
            }
        }
        String type = null;
        String key = null;
        long seq = 0;
        long ts = 0;
        long rtt = -1;
        try (JsonParser p = JSON.createParser(header)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BadFrameException("header is not a JSON object");
            }
            java.util.Set<String> seen = new java.util.HashSet<>(8);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                if (!seen.add(field)) {
                    throw new BadFrameException("duplicate header field " + field);
                }
                JsonToken value = p.nextToken();
                switch (field) {
                    case "t" -> type = text(value, p, "t");
                    case "k" -> key = key(text(value, p, "k"));
                    case "s" -> seq = natural(value, p, "s");
                    case "ts" -> ts = natural(value, p, "ts");
                    case "r" -> rtt = natural(value, p, "r");
                    default -> throw new BadFrameException("unknown header field " + field);
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new BadFrameException("header is not one JSON object");
            }
        } catch (IOException e) {
            throw new BadFrameException("header is not valid JSON");
        }
        if (type == null) {
            throw new BadFrameException("header has no type");
        }
        MessageType messageType = MessageType.fromWire(type);
        if (messageType == null) {
            throw new BadFrameException("unknown type " + (type.length() > 40 ? type.substring(0, 40) : type));
        }
        if (messageType.delivery() == MessageType.Delivery.RELIABLE && seq == 0) {
            throw new BadFrameException(type + " needs a sequence number s >= 1");
        }
        return new Inbound(messageType, seq, ts, key, rtt, frame.slice(lf + 1, frame.length()));
    }

    /** A frame forwarded to recipients: a new header naming sender and room sequence, then the original payload. */
    public static Buffer forward(MessageType type, long n, String from, long ts, String key, Buffer payload) {
        StringBuilder h = new StringBuilder(96).append("{\"t\":\"").append(type.wire()).append('"');
        if (n > 0) {
            h.append(",\"n\":").append(n);
        }
        h.append(",\"from\":\"").append(from).append('"');
        if (ts > 0) {
            h.append(",\"ts\":").append(ts);
        }
        if (key != null) {
            h.append(",\"k\":\"").append(key).append('"');
        }
        byte[] header = h.append("}\n").toString().getBytes(StandardCharsets.US_ASCII);
        return Buffer.buffer(header.length + payload.length()).appendBytes(header).appendBuffer(payload);
    }

    /** A message the server itself sends, with a JSON payload it made. */
    public static Buffer server(MessageType type, String jsonPayload) {
        return Buffer.buffer("{\"t\":\"" + type.wire() + "\"}\n" + jsonPayload);
    }

    private static String text(JsonToken value, JsonParser p, String field) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw new BadFrameException(field + " must be a string");
        }
        return p.getText();
    }

    private static long natural(JsonToken value, JsonParser p, String field) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT
                && p.getNumberType() != JsonParser.NumberType.LONG || p.getLongValue() < 0) {
            throw new BadFrameException(field + " must be a non-negative integer");
        }
        return p.getLongValue();
    }

    /** Keys are echoed into outbound headers verbatim, so they are restricted to characters needing no escape. */
    private static String key(String key) {
        if (key.isEmpty() || key.length() > 64) {
            throw new BadFrameException("k must have 1 to 64 characters");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == ':')) {
                throw new BadFrameException("k may hold only letters, digits and - _ . :");
            }
        }
        return key;
    }
}

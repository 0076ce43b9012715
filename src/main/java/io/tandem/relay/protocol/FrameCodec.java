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
            int seen = 0; // the fields read so far, one bit each: no set per frame
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                int bit = switch (field) {
                    case "t" -> 1;
                    case "k" -> 2;
                    case "s" -> 4;
                    case "ts" -> 8;
                    case "r" -> 16;
                    default -> throw new BadFrameException("unknown header field " + field);
                };
                if ((seen & bit) != 0) {
                    throw new BadFrameException("duplicate header field " + field);
                }
                seen |= bit;
                JsonToken value = p.nextToken();
                switch (bit) {
                    case 1 -> type = text(value, p, "t");
                    case 2 -> key = key(text(value, p, "k"));
                    case 4 -> seq = natural(value, p, "s");
                    case 8 -> ts = natural(value, p, "ts");
                    default -> rtt = natural(value, p, "r");
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

    /** Each type's header opening, {"t":"<wire>", as bytes: written, not built, for every forwarded frame. */
    private static final byte[][] OPENINGS = new byte[MessageType.values().length][];

    static {
        for (MessageType t : MessageType.values()) {
            OPENINGS[t.ordinal()] = ("{\"t\":\"" + t.wire() + '"').getBytes(StandardCharsets.US_ASCII);
        }
    }

    /**
     * A frame forwarded to recipients: a new header naming sender and room sequence, then the original payload. The
     * header is written straight into the frame's buffer (one allocation per frame, the buffer itself: this runs for
     * every relayed message).
     */
    public static Buffer forward(MessageType type, long n, String from, long ts, String key, Buffer payload) {
        byte[] opening = OPENINGS[type.ordinal()];
        Buffer out = Buffer.buffer(opening.length + 64 + from.length() + (key == null ? 0 : key.length() + 8)
                + payload.length());
        out.appendBytes(opening);
        if (n > 0) {
            ascii(out, ",\"n\":");
            number(out, n);
        }
        ascii(out, ",\"from\":\"");
        ascii(out, from);
        out.appendByte((byte) '"');
        if (ts > 0) {
            ascii(out, ",\"ts\":");
            number(out, ts);
        }
        if (key != null) {
            ascii(out, ",\"k\":\"");
            ascii(out, key);
            out.appendByte((byte) '"');
        }
        out.appendByte((byte) '}').appendByte(LF);
        return out.appendBuffer(payload);
    }

    /** Appends {@code s} as US-ASCII (anything else as '?', as String.getBytes would). */
    private static void ascii(Buffer out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.appendByte(c < 128 ? (byte) c : (byte) '?');
        }
    }

    /** Appends a non-negative number in decimal, without building a string. */
    private static void number(Buffer out, long value) {
        long scale = 1;
        while (value / scale >= 10) {
            scale *= 10;
        }
        for (; scale > 0; scale /= 10) {
            out.appendByte((byte) ('0' + value / scale % 10));
        }
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

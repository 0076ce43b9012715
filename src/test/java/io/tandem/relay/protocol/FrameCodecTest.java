package io.tandem.relay.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The header codec: exactly the documented client header is accepted, anything else is a BadFrameException. */
class FrameCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] ODD_PAYLOAD = {'a', '\n', (byte) 0xFF, (byte) 0xFE, 0, '\n', (byte) 0xC3, '(', '\n',
            (byte) 0x80, 'z'};

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static Inbound decode(String header) {
        return FrameCodec.decode(Buffer.buffer(header + "\n"));
    }

    private static Inbound decode(byte[] frame) {
        return FrameCodec.decode(Buffer.buffer(frame));
    }

    private static void assertBad(String header) {
        assertThrows(BadFrameException.class, () -> decode(header), () -> "should reject header " + header);
    }

    private static void assertBad(byte[] frame) {
        assertThrows(BadFrameException.class, () -> decode(frame),
                () -> "should reject frame " + HexFormat.of().formatHex(frame));
    }

    private static String padTo(String header, int length) {
        String open = header.substring(0, header.length() - 1);
        return open + " ".repeat(length - header.length()) + "}";
    }

    // ---- valid headers ----

    @Test
    void decodesEveryHeaderField() {
        Inbound in = decode("{\"t\":\"sys.ping\",\"s\":3,\"ts\":1732280000123,\"k\":\"page\",\"r\":42}");
        assertEquals(MessageType.SYS_PING, in.type());
        assertEquals(3, in.seq());
        assertEquals(1732280000123L, in.ts());
        assertEquals("page", in.key());
        assertEquals(42, in.rtt());
        assertEquals(0, in.size());
    }

    @Test
    void decodesFieldsInAnyOrder() {
        Inbound in = decode("{\"k\":\"n1\",\"r\":0,\"ts\":5,\"s\":9,\"t\":\"dom.mut\"}");
        assertEquals(MessageType.DOM_MUT, in.type());
        assertEquals(9, in.seq());
        assertEquals(5, in.ts());
        assertEquals("n1", in.key());
        assertEquals(0, in.rtt());
    }

    @Test
    void absentOptionalFieldsDecodeAsTheirDefaults() {
        Inbound in = decode("{\"t\":\"dom.scroll\"}");
        assertEquals(MessageType.DOM_SCROLL, in.type());
        assertEquals(0, in.seq());
        assertEquals(0, in.ts());
        assertNull(in.key());
        assertEquals(-1, in.rtt());
    }

    @Test
    void acceptsLargestLongForNumericFields() {
        Inbound in = decode("{\"t\":\"dom.mut\",\"s\":9223372036854775807,\"ts\":9223372036854775807,"
                + "\"r\":9223372036854775807}");
        assertEquals(Long.MAX_VALUE, in.seq());
        assertEquals(Long.MAX_VALUE, in.ts());
        assertEquals(Long.MAX_VALUE, in.rtt());
    }

    @Test
    void acceptsEveryAllowedKeyCharacterAndKeysOfOneToSixtyFourCharacters() {
        String all = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:";
        for (int i = 0; i < all.length(); i++) {
            String k = String.valueOf(all.charAt(i));
            assertEquals(k, decode("{\"t\":\"dom.scroll\",\"k\":\"" + k + "\"}").key());
        }
        String k64 = all.substring(0, 64);
        assertEquals(k64, decode("{\"t\":\"dom.scroll\",\"k\":\"" + k64 + "\"}").key());
        assertEquals("node:12.a-b_c", decode("{\"t\":\"dom.scroll\",\"k\":\"node:12.a-b_c\"}").key());
    }

    @Test
    void keyWrittenWithJsonEscapesIsCheckedAfterUnescaping() {
        assertEquals("AB", decode("{\"t\":\"dom.scroll\",\"k\":\"\\u0041B\"}").key());
        assertBad("{\"t\":\"dom.scroll\",\"k\":\"a\\/b\"}");
        assertBad("{\"t\":\"dom.scroll\",\"k\":\"a\\\"b\"}");
        assertBad("{\"t\":\"dom.scroll\",\"k\":\"a\\nb\"}");
        assertBad("{\"t\":\"dom.scroll\",\"k\":\"a\\u0000\"}");
        assertBad("{\"t\":\"dom.scroll\",\"k\":\"a\\\\b\"}");
    }

    @Test
    void allowsSeqZeroOrAbsentForEveryTypeThatIsNotReliable() {
        for (MessageType t : MessageType.values()) {
            if (t.delivery() != MessageType.Delivery.RELIABLE) {
                assertEquals(t, decode("{\"t\":\"" + t.wire() + "\"}").type());
                Inbound zero = decode("{\"t\":\"" + t.wire() + "\",\"s\":0}");
                assertEquals(t, zero.type());
                assertEquals(0, zero.seq());
            }
        }
    }

    @Test
    void requiresSeqOfAtLeastOneForEveryReliableType() {
        for (MessageType t : MessageType.values()) {
            if (t.delivery() == MessageType.Delivery.RELIABLE) {
                assertBad("{\"t\":\"" + t.wire() + "\"}");
                assertBad("{\"t\":\"" + t.wire() + "\",\"s\":0}");
                assertBad("{\"t\":\"" + t.wire() + "\",\"s\":-0}");
                assertEquals(1, decode("{\"t\":\"" + t.wire() + "\",\"s\":1}").seq());
            }
        }
    }

    @Test
    void payloadIsEveryByteAfterTheFirstLineFeedEvenWithLineFeedsAndInvalidUtf8() {
        byte[] frame = concat(bytes("{\"t\":\"dom.mut\",\"s\":1}\n"), ODD_PAYLOAD);
        Inbound in = decode(frame);
        assertArrayEquals(ODD_PAYLOAD, in.payload().getBytes());
        assertEquals(ODD_PAYLOAD.length, in.size());
    }

    @Test
    void payloadIsEmptyWhenTheFrameEndsAtTheLineFeed() {
        Inbound in = decode("{\"t\":\"sys.ping\"}");
        assertEquals(0, in.payload().length());
    }

    @Test
    void payloadMayBeALoneLineFeed() {
        Inbound in = decode(bytes("{\"t\":\"sys.ping\"}\n\n"));
        assertArrayEquals(new byte[]{'\n'}, in.payload().getBytes());
    }

    @Test
    void payloadLongerThanTheHeaderBoundIsAccepted() {
        byte[] payload = new byte[100_000];
        new Random(7).nextBytes(payload);
        Inbound in = decode(concat(bytes("{\"t\":\"dom.snap\",\"s\":1}\n"), payload));
        assertArrayEquals(payload, in.payload().getBytes());
    }

    @Test
    void headerOfExactly512BytesIsAcceptedAnd513IsNot() {
        String h512 = padTo("{\"t\":\"sys.ping\"}", 512);
        assertEquals(512, bytes(h512).length);
        Inbound in = decode(bytes(h512 + "\npayload"));
        assertEquals(MessageType.SYS_PING, in.type());
        assertEquals("payload", in.payload().toString());

        String h513 = padTo("{\"t\":\"sys.ping\"}", 513);
        assertEquals(513, bytes(h513).length);
        assertBad(h513);
        assertBad(bytes(h513 + "\n\n\n"));
    }

    @Test
    void toleratesJsonWhitespaceAroundTheObject() {
        assertEquals(MessageType.SYS_PING, decode(" \t{ \"t\" : \"sys.ping\" } \r").type());
    }

    // ---- rejections ----

    @Test
    void rejectsFramesWithoutALineFeedWithinTheHeaderBound() {
        assertBad(new byte[0]);
        assertBad(bytes("{\"t\":\"sys.ping\"}"));
        assertBad(bytes(padTo("{\"t\":\"sys.ping\"}", 600) + "\n"));
        byte[] noLf = new byte[5000];
        Arrays.fill(noLf, (byte) 'x');
        assertBad(noLf);
    }

    @Test
    void rejectsHeadersThatAreNotAJsonObject() {
        for (String h : List.of("", " ", "[]", "[{\"t\":\"sys.ping\"}]", "\"sys.ping\"", "1", "null", "true",
                "t:sys.ping", "{", "}", "{\"t\":\"sys.ping\"", "{\"t\":", "{\"t\"}", "{\"t\":\"sys.ping\",}",
                "{'t':'sys.ping'}", "{t:\"sys.ping\"}", "{\"t\":\"sys.ping\"/*c*/}", "{\"t\":\"sys.ping\" // c")) {
            assertBad(h);
        }
    }

    @Test
    void rejectsAnythingAfterTheHeaderObject() {
        for (String h : List.of("{\"t\":\"sys.ping\"}x", "{\"t\":\"sys.ping\"}}", "{\"t\":\"sys.ping\"},",
                "{\"t\":\"sys.ping\"}{\"t\":\"sys.ping\"}", "{\"t\":\"sys.ping\"} {}", "{\"t\":\"sys.ping\"} []",
                "{\"t\":\"sys.ping\"} 1", "{\"t\":\"sys.ping\"} \"x\"", "{\"t\":\"sys.ping\"}\u0000")) {
            assertBad(h);
        }
    }

    @Test
    void rejectsUnknownFieldsIncludingServerOnlyOnes() {
        for (String f : List.of("\"x\":1", "\"n\":5", "\"from\":\"customer\"", "\"T\":\"sys.ping\"", "\"\":1",
                "\"k \":\"a\"", "\"payload\":{}")) {
            assertBad("{\"t\":\"sys.ping\"," + f + "}");
        }
    }

    @Test
    void rejectsAFieldGivenTwiceEvenWithTheSameValue() {
        for (String h : List.of("{\"t\":\"sys.ping\",\"t\":\"sys.ping\"}", "{\"t\":\"dom.mut\",\"s\":1,\"s\":2}",
                "{\"t\":\"ptr.move\",\"k\":\"a\",\"k\":\"a\"}", "{\"ts\":1,\"t\":\"ptr.move\",\"ts\":1}",
                "{\"t\":\"sys.ping\",\"r\":3,\"r\":3}")) {
            assertBad(h);
        }
    }

    @Test
    void rejectsAHeaderWithoutType() {
        assertBad("{}");
        assertBad("{\"s\":1,\"ts\":2}");
    }

    @Test
    void rejectsTypesThatAreNotStrings() {
        for (String v : List.of("1", "null", "true", "{}", "[]", "[\"sys.ping\"]", "{\"t\":\"sys.ping\"}")) {
            assertBad("{\"t\":" + v + "}");
        }
    }

    @Test
    void rejectsUnknownTypes() {
        for (String t : List.of("", "dom", "dom.unknown", "SYS.PING", "sys.ping ", " sys.ping", "sys_ping",
                "sys.pïng", "sys.ping\\u0000", "x".repeat(300))) {
            assertBad("{\"t\":\"" + t + "\"}");
        }
    }

    @Test
    void rejectsNumericFieldsThatAreNotNonNegativeIntegers() {
        for (String field : List.of("s", "ts", "r")) {
            for (String v : List.of("\"1\"", "1.0", "1.5", "1e3", "1E2", "-1", "-9223372036854775808", "true",
                    "null", "{}", "[]", "[1]", "9223372036854775808", "18446744073709551616",
                    "123456789012345678901234567890", "NaN", "Infinity", "01", "+1", "0x10")) {
                assertBad("{\"t\":\"sys.ping\",\"" + field + "\":" + v + "}");
            }
        }
    }

    @Test
    void rejectsKeysThatAreEmptyTooLongOrHoldOtherCharacters() {
        assertBad("{\"t\":\"dom.scroll\",\"k\":\"\"}");
        assertBad("{\"t\":\"dom.scroll\",\"k\":\"" + "a".repeat(65) + "\"}");
        assertBad("{\"t\":\"dom.scroll\",\"k\":\"" + "a".repeat(400) + "\"}");
        for (String k : List.of("a b", "a/b", "a#b", "é", "a+b", "a,b", "<a>", "a@b", "a=b", "\u00e9t\u00e9", "ä",
                "\u2028")) {
            assertBad("{\"t\":\"dom.scroll\",\"k\":\"" + k + "\"}");
        }
        for (String v : List.of("1", "null", "true", "{}", "[\"a\"]")) {
            assertBad("{\"t\":\"dom.scroll\",\"k\":" + v + "}");
        }
    }

    @Test
    void rejectsInvalidUtf8InsideTheHeader() {
        byte[][] invalid = {{(byte) 0xC3, '('}, {(byte) 0xFF}, {(byte) 0xFE}, {(byte) 0x80}, {(byte) 0xE2, (byte) 0x82},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80,
                        (byte) 0x80}};
        for (byte[] bad : invalid) {
            assertBad(concat(bytes("{\"t\":\"sys.ping\",\"k\":\"a"), bad, bytes("\"}\n")));
            assertBad(concat(bytes("{\"t\":\"sys.p"), bad, bytes("ing\"}\n")));
            assertBad(concat(bytes("{\"t\":\"sys.ping\",\""), bad, bytes("\":1}\n")));
            assertBad(concat(bytes("{\"t\":\"sys.ping\"}"), bad, bytes("\n")));
            assertBad(concat(bad, bytes("{\"t\":\"sys.ping\"}\n")));
        }
    }

    @Test
    void rejectsHeadersThatAreNotUtf8EvenWhenTheyDecodeToAllowedCharacters() {
        // 0xC1 0xA1 and 0xC1 0xA9 are overlong encodings of 'a' and 'i': not UTF-8 (RFC 3629 section 3)
        assertBad(concat(bytes("{\"t\":\"sys.ping\",\"k\":\""), new byte[]{(byte) 0xC1, (byte) 0xA1}, bytes("\"}\n")));
        assertBad(concat(bytes("{\"t\":\"sys.p"), new byte[]{(byte) 0xC1, (byte) 0xA9}, bytes("ng\"}\n")));
        // a UTF-16LE header: its line feed is 0x0A 0x00, so the "payload" would start with the 0x00
        assertBad("{\"t\":\"sys.ping\"}\n".getBytes(StandardCharsets.UTF_16LE));
    }

    @Test
    void rejectsDeeplyNestedHeaders() {
        int depth = 240;
        assertBad("[".repeat(depth) + "]".repeat(depth));
        assertBad("{\"t\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
        assertBad("{\"t\":\"sys.ping\",\"x\":" + "{\"a\":".repeat(80) + "1" + "}".repeat(80) + "}");
        assertBad("{\"t\":\"sys.ping\",\"k\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
        assertBad("{\"t\":\"sys.ping\",\"s\":" + "{\"a\":".repeat(80) + "1" + "}".repeat(80) + "}");
        assertBad("{\"t\":\"sys.ping\",\"x\":" + "[".repeat(500));
    }

    @Test
    void throwsOnlyBadFrameExceptionOnRandomAndMutatedFrames() {
        Random random = new Random(0x7A4DE3L);
        List<byte[]> seeds = List.of(bytes("{\"t\":\"dom.mut\",\"s\":17,\"ts\":1732280000123}\n[1]"),
                bytes("{\"t\":\"dom.scroll\",\"k\":\"page\"}\n{\"y\":1}"),
                bytes("{\"t\":\"sys.ping\",\"r\":42}\n12345"), bytes("{\"t\":\"sys.hello\"}\n{\"epoch\":\"e\"}"));
        byte[] alphabet = bytes("{}[]\":,\\ \n0123456789-+.eEtskrnulfa\u00e9");
        int accepted = 0;
        for (int i = 0; i < 6000; i++) {
            byte[] frame;
            switch (i % 3) {
                case 0 -> {
                    frame = new byte[random.nextInt(700)];
                    random.nextBytes(frame);
                    if (frame.length > 0 && random.nextBoolean()) {
                        frame[random.nextInt(Math.min(frame.length, 520))] = '\n';
                    }
                }
                case 1 -> {
                    frame = new byte[random.nextInt(80)];
                    for (int j = 0; j < frame.length; j++) {
                        frame[j] = alphabet[random.nextInt(alphabet.length)];
                    }
                }
                default -> frame = mutate(seeds.get(random.nextInt(seeds.size())), random);
            }
            try {
                Inbound in = FrameCodec.decode(Buffer.buffer(frame));
                accepted++;
                assertAcceptedFrameIsWellFormed(frame, in);
            } catch (BadFrameException expected) {
                // the only allowed failure
            } catch (Throwable t) {
                fail("decode threw " + t + " for " + HexFormat.of().formatHex(frame), t);
            }
        }
        assertTrue(accepted > 100, "the mutations should leave some frames valid, got " + accepted);
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] b = seed.clone();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(4)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> b[at] = "{}[]\":,0-1. \n\\".getBytes(StandardCharsets.US_ASCII)[random.nextInt(14)];
                case 2 -> {
                    byte[] shorter = new byte[b.length - 1];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                    b = shorter.length == 0 ? b : shorter;
                }
                default -> {
                    byte[] longer = new byte[b.length + 1];
                    System.arraycopy(b, 0, longer, 0, at);
                    longer[at] = (byte) random.nextInt(256);
                    System.arraycopy(b, at, longer, at + 1, b.length - at);
                    b = longer;
                }
            }
        }
        return b;
    }

    private static void assertAcceptedFrameIsWellFormed(byte[] frame, Inbound in) {
        int lf = 0;
        while (frame[lf] != '\n') {
            lf++;
        }
        assertTrue(lf <= FrameCodec.MAX_HEADER_BYTES);
        assertArrayEquals(Arrays.copyOfRange(frame, lf + 1, frame.length), in.payload().getBytes());
        assertTrue(in.seq() >= 0 && in.ts() >= 0 && in.rtt() >= -1);
        if (in.type().delivery() == MessageType.Delivery.RELIABLE) {
            assertTrue(in.seq() >= 1);
        }
        if (in.key() != null) {
            assertTrue(in.key().matches("[A-Za-z0-9._:-]{1,64}"), in.key());
        }
    }

    // ---- outbound ----

    @Test
    void forwardWritesEveryFieldInOrderThenThePayloadUnchanged() {
        Buffer payload = Buffer.buffer(ODD_PAYLOAD);
        Buffer out = FrameCodec.forward(MessageType.DOM_SCROLL, 17, "customer", 1732280000123L, "node:4", payload);
        byte[] expected = concat(
                bytes("{\"t\":\"dom.scroll\",\"n\":17,\"from\":\"customer\",\"ts\":1732280000123,\"k\":\"node:4\"}\n"),
                ODD_PAYLOAD);
        assertArrayEquals(expected, out.getBytes());
        assertArrayEquals(ODD_PAYLOAD, payload.getBytes(), "the source payload is left as it was");
    }

    @Test
    void forwardWritesNumbersOfEveryLengthAsDecimalsAndNonAsciiAsAQuestionMark() {
        for (long n : new long[]{1, 9, 10, 99, 100, 101, 1_000_000_007L, 1732280000123L, Long.MAX_VALUE}) {
            Buffer out = FrameCodec.forward(MessageType.DOM_MUT, n, "c", n, null, Buffer.buffer());
            assertEquals("{\"t\":\"dom.mut\",\"n\":" + n + ",\"from\":\"c\",\"ts\":" + n + "}\n", out.toString(),
                    "n and ts " + n);
        }
        assertEquals("{\"t\":\"ptr.move\",\"from\":\"Jos?\"}\n",
                FrameCodec.forward(MessageType.PTR_MOVE, 0, "Jos\u00e9", 0, null, Buffer.buffer()).toString());
    }

    @Test
    void forwardOmitsNTsAndKWhenZeroZeroAndNull() {
        Buffer out = FrameCodec.forward(MessageType.PTR_MOVE, 0, "b7c1", 0, null, Buffer.buffer("{\"x\":1}"));
        assertEquals("{\"t\":\"ptr.move\",\"from\":\"b7c1\"}\n{\"x\":1}", out.toString());
        Buffer mut = FrameCodec.forward(MessageType.DOM_MUT, 3, "customer", 0, null, Buffer.buffer());
        assertEquals("{\"t\":\"dom.mut\",\"n\":3,\"from\":\"customer\"}\n", mut.toString());
        Buffer scroll = FrameCodec.forward(MessageType.DOM_SCROLL, 0, "customer", 9, "page", Buffer.buffer("p"));
        assertEquals("{\"t\":\"dom.scroll\",\"from\":\"customer\",\"ts\":9,\"k\":\"page\"}\np", scroll.toString());
    }

    @Test
    void forwardOfADecodedFrameKeepsThePayloadSliceByteForByte() throws Exception {
        byte[] frame = concat(bytes("{\"t\":\"dom.nav\",\"s\":4,\"ts\":77,\"k\":\"load\"}\n"), ODD_PAYLOAD);
        Inbound in = decode(frame);
        Buffer out = FrameCodec.forward(in.type(), 12, "customer", in.ts(), in.key(), in.payload());
        byte[] bytes = out.getBytes();
        int lf = 0;
        while (bytes[lf] != '\n') {
            lf++;
        }
        JsonNode header = JSON.readTree(Arrays.copyOfRange(bytes, 0, lf));
        assertEquals("dom.nav", header.path("t").asText());
        assertEquals(12, header.path("n").asLong());
        assertEquals("customer", header.path("from").asText());
        assertEquals(77, header.path("ts").asLong());
        assertEquals("load", header.path("k").asText());
        assertEquals(5, header.size());
        assertArrayEquals(ODD_PAYLOAD, Arrays.copyOfRange(bytes, lf + 1, bytes.length));
        assertArrayEquals(ODD_PAYLOAD, in.payload().getBytes(), "forwarding leaves the inbound slice as it was");
    }

    @Test
    void serverFrameHasOnlyTheTypeThenTheJsonPayload() {
        assertEquals("{\"t\":\"sys.ack\"}\n{\"s\":3}", FrameCodec.server(MessageType.SYS_ACK, "{\"s\":3}").toString());
        assertEquals("{\"t\":\"sys.snapshot-request\"}\n{\"reason\":\"stage\"}",
                FrameCodec.server(MessageType.SYS_SNAPSHOT_REQUEST, "{\"reason\":\"stage\"}").toString());
        assertEquals("{\"t\":\"sys.reconnect\"}\n{}", FrameCodec.server(MessageType.SYS_RECONNECT, "{}").toString());
    }
}

package io.tandem.signaling.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tandem.signaling.message.ClientMessage.IceCandidate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The wire format: what decodes, what is refused, and the exact text the server sends. */
class MessageCodecTest {

    private final MessageCodec codec = new MessageCodec();

    @Test
    void decodesEveryClientType() throws Exception {
        assertEquals(new ClientMessage.Offer("b", "v=0"), codec.decode(
                "{\"type\":\"offer\",\"to\":\"b\",\"sdp\":\"v=0\"}"));
        assertEquals(new ClientMessage.Offer("b", "v=0"), codec.decode(
                " {\"sdp\":\"v=0\",\"to\":\"b\",\"type\":\"offer\"}"));
        assertEquals(new ClientMessage.Answer("customer", ""), codec.decode(
                "{\"type\":\"answer\",\"to\":\"customer\",\"sdp\":\"\"}"));
        assertEquals(new ClientMessage.Candidate("b", new IceCandidate("candidate:1", "0", 0, "uf")), codec.decode(
                "{\"type\":\"candidate\",\"to\":\"b\",\"candidate\":{\"candidate\":\"candidate:1\","
                        + "\"sdpMid\":\"0\",\"sdpMLineIndex\":0,\"usernameFragment\":\"uf\"}}"));
        assertEquals(new ClientMessage.Candidate("b", null), codec.decode(
                "{\"type\":\"candidate\",\"to\":\"b\",\"candidate\":null}"));
        String longest = "x".repeat(ClientMessage.MAX_PEER_ID);
        assertEquals(new ClientMessage.Offer(longest, "v=0"), codec.decode(
                "{\"type\":\"offer\",\"to\":\"" + longest + "\",\"sdp\":\"v=0\"}"));
        assertEquals(new ClientMessage.Hangup(), codec.decode("{\"type\":\"hangup\"}"));
        assertEquals(new ClientMessage.Mute(false, true), codec.decode(
                "{\"type\":\"mute\",\"audio\":false,\"video\":true}"));
        assertEquals(new ClientMessage.Ping(), codec.decode("{\"type\":\"ping\"}"));
    }

    @Test
    void refusesWhatIsNotExactlyTheSchema() {
        for (String text : List.of("", " ", "{", "{}", "null", "[]", "1", "\"ping\"", "{\"type\":null}",
                "{\"type\":\"PING\"}", "{\"type\":\"pong\"}", "{\"type\":\"ping\",\"type\":\"ping\"}",
                "{\"type\":\"ping\"}{\"type\":\"ping\"}", "{\"type\":\"offer\",\"sdp\":[\"v=0\"]}",
                "{\"type\":\"offer\",\"sdp\":\"v=0\"}", "{\"type\":\"offer\",\"to\":null,\"sdp\":\"v=0\"}",
                "{\"type\":\"offer\",\"to\":\"\",\"sdp\":\"v=0\"}",
                "{\"type\":\"answer\",\"to\":[\"b\"],\"sdp\":\"v=0\"}",
                "{\"type\":\"candidate\",\"to\":\"" + "x".repeat(129) + "\",\"candidate\":null}",
                "{\"type\":\"candidate\",\"candidate\":null}", "{\"type\":\"mute\",\"to\":\"b\",\"audio\":true,"
                        + "\"video\":true}",
                "{\"type\":\"offer\",\"sdp\":true}", "{\"type\":\"mute\",\"audio\":null,\"video\":true}",
                "{\"type\":\"mute\",\"audio\":true}", "{\"type\":\"candidate\",\"candidate\":{}}",
                "{\"type\":\"candidate\",\"candidate\":{\"candidate\":null,\"sdpMid\":null,\"sdpMLineIndex\":null,"
                        + "\"usernameFragment\":null}}",
                "{\"type\":\"candidate\",\"candidate\":{\"candidate\":\"c\",\"sdpMid\":null,\"sdpMLineIndex\":1.0,"
                        + "\"usernameFragment\":null}}",
                "{\"type\":\"candidate\",\"candidate\":{\"candidate\":\"c\",\"sdpMid\":null,\"sdpMLineIndex\":70000,"
                        + "\"usernameFragment\":null}}",
                "{\"type\":\"candidate\",\"candidate\":{\"candidate\":\"c\",\"sdpMid\":null,\"sdpMLineIndex\":null,"
                        + "\"usernameFragment\":null,\"extra\":1}}")) {
            assertThrows(BadMessageException.class, () -> codec.decode(text), text);
        }
    }

    @Test
    void neverThrowsAnythingButBadMessageOnRandomInput() {
        Random random = new Random(42);
        String alphabet = "{}[]\":,0123456789.-+eEtrufalsnypeofcdiamgh \\u00é\u2028";
        String seed = "{\"type\":\"candidate\",\"to\":\"b\",\"candidate\":{\"candidate\":\"c\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0,"
                + "\"usernameFragment\":null}}";
        for (int i = 0; i < 5000; i++) {
            StringBuilder text = new StringBuilder(seed);
            for (int j = random.nextInt(4); j >= 0; j--) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0 -> text.deleteCharAt(at);
                    case 1 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            try {
                codec.decode(text.toString());
            } catch (BadMessageException expected) {
                // refused cleanly
            }
        }
    }

    @Test
    void encodesServerMessagesWithTypeFirstAndNullsKept() {
        assertEquals("{\"type\":\"welcome\",\"peerId\":\"customer\",\"role\":\"customer\",\"polite\":true,"
                + "\"peers\":[{\"peerId\":\"a\",\"role\":\"advisor\",\"name\":\"Ana\",\"audio\":true,"
                + "\"video\":false}]}",
                codec.encode(new ServerMessage.Welcome("customer", "customer", true, List.of(
                        new ServerMessage.PeerInfo("a", "advisor", "Ana", true, false)))));
        assertEquals("{\"type\":\"candidate\",\"from\":\"a\",\"candidate\":null}", codec.encode(
                new ServerMessage.Candidate("a", null)));
        assertEquals("{\"type\":\"candidate\",\"from\":\"a\",\"candidate\":{\"candidate\":\"c\",\"sdpMid\":null,"
                + "\"sdpMLineIndex\":null,\"usernameFragment\":null}}",
                codec.encode(new ServerMessage.Candidate("a",
                        new IceCandidate("c", null, null, null))));
        assertEquals("{\"type\":\"offer\",\"from\":\"a\",\"sdp\":\"v=0\\r\\n\"}", codec.encode(
                new ServerMessage.Offer("a", "v=0\r\n")));
        assertEquals("{\"type\":\"mute\",\"from\":\"a\",\"audio\":false,\"video\":true}", codec.encode(
                new ServerMessage.Mute("a", false, true)));
        assertEquals("{\"type\":\"peer-left\",\"peerId\":\"a\"}", codec.encode(new ServerMessage.PeerLeft("a")));
        assertEquals("{\"type\":\"hangup\",\"from\":\"a\"}", codec.encode(new ServerMessage.Hangup("a")));
        assertEquals("{\"type\":\"pong\"}", codec.encode(new ServerMessage.Pong()));
    }
}

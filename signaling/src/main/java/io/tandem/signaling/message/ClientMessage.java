package io.tandem.signaling.message;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * What a browser may send, discriminated by {@code type}. Every field listed must be present (null only where the
 * record allows it); no other field is accepted. The codec enforces the shape, the compact constructors the values.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(ClientMessage.Offer.class), @JsonSubTypes.Type(ClientMessage.Answer.class),
        @JsonSubTypes.Type(ClientMessage.Candidate.class), @JsonSubTypes.Type(ClientMessage.Hangup.class),
        @JsonSubTypes.Type(ClientMessage.Mute.class), @JsonSubTypes.Type(ClientMessage.Ping.class)})
public sealed interface ClientMessage {

    /** Longest peer id a message may address (a token's {@code sub} is at most this long). */
    int MAX_PEER_ID = 128;

    /** A message for one other media peer, named by its peer id in {@code to}; the server delivers it to that peer only. */
    sealed interface Addressed extends ClientMessage {
        String to();
    }

    /** An SDP offer for the media peer {@code to}. */
    @JsonTypeName("offer")
    record Offer(String to, String sdp) implements Addressed {
        public Offer {
            peerId(to);
            required(sdp, "sdp");
        }
    }

    /** An SDP answer for the media peer {@code to}. */
    @JsonTypeName("answer")
    record Answer(String to, String sdp) implements Addressed {
        public Answer {
            peerId(to);
            required(sdp, "sdp");
        }
    }

    /** A trickled ICE candidate for {@code to}; {@code null} means the sender has gathered all its candidates. */
    @JsonTypeName("candidate")
    record Candidate(String to, IceCandidate candidate) implements Addressed {
        public Candidate {
            peerId(to);
        }
    }

    /** The sender ends the call (it stays connected and may negotiate again). */
    @JsonTypeName("hangup")
    record Hangup() implements ClientMessage {}

    /** The sender's media state: {@code true} means the track is on (sending), {@code false} muted. */
    @JsonTypeName("mute")
    record Mute(boolean audio, boolean video) implements ClientMessage {}

    /** Heartbeat; answered with {@code pong}. */
    @JsonTypeName("ping")
    record Ping() implements ClientMessage {}

    /** RTCIceCandidateInit as {@code RTCIceCandidate.toJSON()} produces it. */
    record IceCandidate(String candidate, String sdpMid, Integer sdpMLineIndex, String usernameFragment) {
        public IceCandidate {
            required(candidate, "candidate");
            if (sdpMLineIndex != null && (sdpMLineIndex < 0 || sdpMLineIndex > 65_535)) {
                throw new IllegalArgumentException("sdpMLineIndex must be 0..65535");
            }
        }
    }

    private static void peerId(String to) {
        required(to, "to");
        if (to.isEmpty() || to.length() > MAX_PEER_ID) {
            throw new IllegalArgumentException("to must be 1.." + MAX_PEER_ID + " characters");
        }
    }

    private static void required(String value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
    }
}

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

    /** An SDP offer for the other media peer. */
    @JsonTypeName("offer")
    record Offer(String sdp) implements ClientMessage {
        public Offer {
            required(sdp, "sdp");
        }
    }

    /** An SDP answer for the other media peer. */
    @JsonTypeName("answer")
    record Answer(String sdp) implements ClientMessage {
        public Answer {
            required(sdp, "sdp");
        }
    }

    /** A trickled ICE candidate; {@code null} means the sender has gathered all its candidates. */
    @JsonTypeName("candidate")
    record Candidate(IceCandidate candidate) implements ClientMessage {}

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

    private static void required(String value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
    }
}

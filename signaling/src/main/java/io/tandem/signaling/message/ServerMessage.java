package io.tandem.signaling.message;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.tandem.signaling.message.ClientMessage.IceCandidate;
import java.util.List;

/** What the server sends, discriminated by {@code type}; relayed messages carry the sender's id in {@code from}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(ServerMessage.Welcome.class), @JsonSubTypes.Type(ServerMessage.PeerJoined.class),
        @JsonSubTypes.Type(ServerMessage.PeerLeft.class), @JsonSubTypes.Type(ServerMessage.Offer.class),
        @JsonSubTypes.Type(ServerMessage.Answer.class), @JsonSubTypes.Type(ServerMessage.Candidate.class),
        @JsonSubTypes.Type(ServerMessage.Hangup.class), @JsonSubTypes.Type(ServerMessage.Mute.class),
        @JsonSubTypes.Type(ServerMessage.Pong.class)})
public sealed interface ServerMessage {

    /** A peer as others see it. */
    record PeerInfo(String peerId, String role, String name, boolean audio, boolean video) {}

    /** First message on every connection: who you are, your perfect-negotiation role, and who is already here. */
    @JsonTypeName("welcome")
    record Welcome(String peerId, String role, boolean polite, List<PeerInfo> peers) implements ServerMessage {}

    @JsonTypeName("peer-joined")
    record PeerJoined(String peerId, String role, String name, boolean audio, boolean video) implements ServerMessage {
        public static PeerJoined of(PeerInfo p) {
            return new PeerJoined(p.peerId(), p.role(), p.name(), p.audio(), p.video());
        }
    }

    @JsonTypeName("peer-left")
    record PeerLeft(String peerId) implements ServerMessage {}

    @JsonTypeName("offer")
    record Offer(String from, String sdp) implements ServerMessage {}

    @JsonTypeName("answer")
    record Answer(String from, String sdp) implements ServerMessage {}

    @JsonTypeName("candidate")
    record Candidate(String from, IceCandidate candidate) implements ServerMessage {}

    @JsonTypeName("hangup")
    record Hangup(String from) implements ServerMessage {}

    @JsonTypeName("mute")
    record Mute(String from, boolean audio, boolean video) implements ServerMessage {}

    @JsonTypeName("pong")
    record Pong() implements ServerMessage {}
}

package io.tandem.relay.bridge;

import io.tandem.relay.room.RoomChange;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.relay.protocol.HeadLine;
import io.tandem.relay.protocol.Role;
import io.tandem.relay.room.Participant;
import io.vertx.core.buffer.Buffer;

/**
 * A message on a session's Redis channel: one line of JSON saying what it is and for whom, then (for frames) the relay
 * frame exactly as it was received or is to be sent. Receivers parse the line, never the frame's payload.
 *
 * <pre>
 * {"k":"in","to":owner,"c":connection,"id":..,"role":..,"name":..}\n frame   a client's frame, for the room's node
 * {"k":"gone","to":owner,"c":connection,"code":4000}\n                      that client's connection closed (its code)
 * {"k":"out","to":node,"c":connection}\n frame                                  a frame for a client on another node
 * {"k":"close","to":node,"c":connection,"code":4409}\n                         close that client's connection
 * {"k":"end","to":"*","status":"completed"}\n                                 the session is over (from any node)
 * {"k":"change","to":"*","c":node,"change":"owner","id":..,"name":..,"team":..}\n  a place in the session changed (c: from)
 * </pre>
 */
record Envelope(String kind, String to, String connection, Participant participant, int code, String status,
        RoomChange change, Buffer frame) {

    static final String IN = "in";
    static final String GONE = "gone";
    static final String OUT = "out";
    static final String CLOSE = "close";
    static final String END = "end";
    static final String CHANGE = "change";
    static final String EVERYONE = "*";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The head of every frame a client on this node sends to the room's node (computed once per connection). */
    static Buffer inbound(String owner, String connection, Participant who) {
        ObjectNode head = who.writeTo(head(IN, owner, connection));
        return Buffer.buffer(head.toString()).appendByte((byte) '\n');
    }

    /** The head of every frame the room sends to a client attached from another node (computed once per client). */
    static Buffer outbound(String node, String connection) {
        return Buffer.buffer(head(OUT, node, connection).toString()).appendByte((byte) '\n');
    }

    static Buffer gone(String owner, String connection, int clientCode) {
        return Buffer.buffer(head(GONE, owner, connection).put("code", clientCode).toString()).appendByte((byte) '\n');
    }

    static Buffer close(String node, String connection, int code) {
        return Buffer.buffer(head(CLOSE, node, connection).put("code", code).toString()).appendByte((byte) '\n');
    }

    static Buffer end(String status) {
        return Buffer.buffer(JSON.createObjectNode().put("k", END).put("to", EVERYONE).put("status", status)
                .toString()).appendByte((byte) '\n');
    }

    /** Someone's place in the session changed, for the node that holds its room (every node hears it). */
    static Buffer change(String fromNode, RoomChange change) {
        ObjectNode head = head(CHANGE, EVERYONE, fromNode).put("change", change.kind().wire()).put("id", change.id())
                .put("name", change.name());
        if (change.team() != null) {
            head.put("team", change.team());
        }
        return Buffer.buffer(head.toString()).appendByte((byte) '\n');
    }

    private static ObjectNode head(String kind, String to, String connection) {
        return JSON.createObjectNode().put("k", kind).put("to", to).put("c", connection);
    }

    /** Reads a message from the channel; throws IllegalArgumentException if it is not one. */
    static Envelope parse(Buffer message) {
        HeadLine line = HeadLine.split(message, 4096);
        JsonNode head = line.head();
        String kind = head.path("k").asText("");
        Participant who = kind.equals(IN) ? Participant.readFrom(head) : null;
        RoomChange change = kind.equals(CHANGE)
                ? new RoomChange(RoomChange.Kind.of(head.path("change").asText()), head.path("id").asText(),
                        head.path("name").asText(""), head.path("team").isTextual() ? head.path("team").asText() : null)
                : null;
        return new Envelope(kind, head.path("to").asText(""), head.path("c").asText(""), who,
                head.path("code").asInt(0), head.path("status").asText(""), change, message.slice(line.body(),
                        message.length()));
    }
}

package io.tandem.relay.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.relay.protocol.Role;
import java.util.Locale;

/**
 * Someone in a session. The id is stable across reconnects ("customer", or the staff member's id), so frames and
 * presence name the same participant however often they reconnect.
 *
 * @param team the staff member's team ("Claims"), or null
 * @param owner whether they owned the session when admitted (the room keeps who owns it from then on)
 * @param supervisor a supervisor who stepped into the conversation (their role is then advisor)
 */
public record Participant(String id, Role role, String name, String team, boolean owner, boolean supervisor) {

    public static final String CUSTOMER_ID = "customer";
    private static final String STAGE = "stage:";

    public Participant(String id, Role role, String name) {
        this(id, role, name, null, false, false);
    }

    /** The participant id of an advisor's own page on the stage (a connection apart from their console). */
    public static String stageId(String advisorId) {
        return advisorId.startsWith(STAGE) ? advisorId : STAGE + advisorId;
    }

    /** Writes this participant into a JSON object (the multi-node bridge's heads, a handover). */
    public ObjectNode writeTo(ObjectNode node) {
        node.put("id", id).put("role", role.wire()).put("name", name);
        if (team != null) {
            node.put("team", team);
        }
        if (owner) {
            node.put("owner", true);
        }
        if (supervisor) {
            node.put("supervisor", true);
        }
        return node;
    }

    /** Reads what {@link #writeTo} wrote; IllegalArgumentException for an unknown role. */
    public static Participant readFrom(JsonNode node) {
        return new Participant(node.path("id").asText(), Role.valueOf(node.path("role").asText().toUpperCase(
                Locale.ROOT)), node.path("name").asText(""), node.path("team").isTextual()
                        ? node.path("team").asText()
                        : null,
                node.path("owner").asBoolean(false), node.path("supervisor").asBoolean(false));
    }

    /** Whether this is an advisor's own page on the stage rather than a person. */
    boolean isStage() {
        return id.startsWith(STAGE);
    }

    /** The same person in another role (a supervisor stepping in or out). */
    Participant as(Role newRole, boolean steppedIn) {
        return new Participant(id, newRole, name, team, owner, steppedIn);
    }
}

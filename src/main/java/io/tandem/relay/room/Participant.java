package io.tandem.relay.room;

import io.tandem.relay.protocol.Role;

/**
 * Someone in a session. The id is stable across reconnects ("customer", or the staff member's id), so frames and
 * presence name the same participant however often they reconnect.
 */
public record Participant(String id, Role role, String name) {

    public static final String CUSTOMER_ID = "customer";
    private static final String STAGE = "stage:";

    /** The participant id of an advisor's own page on the stage (a connection apart from their console). */
    public static String stageId(String advisorId) {
        return advisorId.startsWith(STAGE) ? advisorId : STAGE + advisorId;
    }
}

package io.tandem.relay.room;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Remote control of the stage page: who may act on it, who consented, for how long, and who speaks for the page.
 * The page's own script (tandem.js) enforces what may be done to which element; the room enforces who may send what.
 * Guarded by the room's lock.
 */
final class Control {

    static final String PAGE = "page";
    static final String SESSION = "session";

    /** Control of the stage page: held by {@code to}, granted by {@code by}, until the page changes or for the session. */
    record Grant(String to, String by, String scope) {}

    private Grant grant;
    private int requests;
    private int grants;
    private int actions;

    /**
     * Whether this participant speaks for the page on the stage, so may grant, deny and revoke control of it: the
     * sharer itself, or the advisor whose own page (stage:{id}) is on the stage.
     */
    static boolean speaksForStage(String participantId, String sharer) {
        return participantId.equals(sharer) || Participant.stageId(participantId).equals(sharer);
    }

    Grant grant() {
        return grant;
    }

    boolean heldBy(String participantId) {
        return grant != null && grant.to().equals(participantId);
    }

    void requested() {
        requests++;
    }

    void acted() {
        actions++;
    }

    /** Grants control and returns the announcement. */
    ObjectNode grant(String to, String by, String scope) {
        grant = new Grant(to, by, scope);
        grants++;
        return state();
    }

    /** Ends control, if held, and returns the announcement, or null if there was nothing to end. */
    ObjectNode end(String by, String reason) {
        if (grant == null) {
            return null;
        }
        grant = null;
        return state().put("by", by).put("reason", reason);
    }

    /** The state as sys.control and sys.welcome carry it. */
    ObjectNode state() {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        if (grant == null) {
            return s.put("state", "none");
        }
        return s.put("state", "granted").put("to", grant.to()).put("by", grant.by()).put("scope", grant.scope());
    }

    int[] takeCounters() {
        int[] counters = {requests, grants, actions};
        requests = 0;
        grants = 0;
        actions = 0;
        return counters;
    }
}

package io.tandem.relay.protocol;

import java.util.HashMap;
import java.util.Map;

/**
 * Every message type of the relay protocol, with who may send it and how it travels. The relay decides everything
 * from this table and the frame header; it never looks into a payload.
 */
public enum MessageType {
    // client -> server control
    SYS_HELLO("sys.hello", Sender.ANY, Delivery.SERVER, Keyframe.NONE),
    SYS_PING("sys.ping", Sender.ANY, Delivery.SERVER, Keyframe.NONE),
    SYS_STAGE("sys.stage", Sender.ADVISOR, Delivery.SERVER, Keyframe.NONE),
    /**
     * The customer's language for the session, chosen by an advisor; announced to everyone numbered, as sys.stage is,
     * and carried in sys.welcome.
     */
    SYS_LANGUAGE("sys.language", Sender.ADVISOR, Delivery.SERVER, Keyframe.NONE),
    /** A renewed staff access token, so the connection outlives the token it was opened with. */
    SYS_AUTH("sys.auth", Sender.STAFF, Delivery.SERVER, Keyframe.NONE),
    /** Whether the sender is in the session's video call now; sys.presence shows it (call) while that connection lasts. */
    SYS_IN_CALL("sys.in-call", Sender.ACTIVE, Delivery.SERVER, Keyframe.NONE),
    // server -> client control
    SYS_WELCOME("sys.welcome", Sender.SERVER, Delivery.SERVER, Keyframe.NONE),
    SYS_PONG("sys.pong", Sender.SERVER, Delivery.SERVER, Keyframe.NONE),
    SYS_ACK("sys.ack", Sender.SERVER, Delivery.SERVER, Keyframe.NONE),
    SYS_PRESENCE("sys.presence", Sender.SERVER, Delivery.SERVER, Keyframe.NONE),
    SYS_SNAPSHOT_REQUEST("sys.snapshot-request", Sender.SERVER, Delivery.SERVER, Keyframe.NONE),
    SYS_RESET("sys.reset", Sender.SERVER, Delivery.SERVER, Keyframe.NONE),
    SYS_END("sys.end", Sender.SERVER, Delivery.SERVER, Keyframe.NONE),
    SYS_RECONNECT("sys.reconnect", Sender.SERVER, Delivery.SERVER, Keyframe.NONE),
    /** Who may control the stage page now; numbered and logged like sys.stage. */
    SYS_CONTROL("sys.control", Sender.SERVER, Delivery.SERVER, Keyframe.NONE),
    /** A frame the server consumed without acting on it, and why (e.g. control input without a grant). */
    SYS_ERROR("sys.error", Sender.SERVER, Delivery.SERVER, Keyframe.NONE),
    /** The session's video call started or ended: written to the recording only (the replay's call marks). */
    SYS_CALL("sys.call", Sender.SERVER, Delivery.SERVER, Keyframe.NONE),
    /**
     * Someone's place in the session changed: a new owner (a transfer), a supervisor stepping into the conversation or
     * back out; numbered and logged like sys.control, so a resuming client and the replay see it in order.
     */
    SYS_NOTICE("sys.notice", Sender.SERVER, Delivery.SERVER, Keyframe.NONE),
    // the shared page, from the current sharer
    DOM_SNAP("dom.snap", Sender.SHARER, Delivery.RELIABLE, Keyframe.SNAPSHOT),
    DOM_MUT("dom.mut", Sender.SHARER, Delivery.RELIABLE, Keyframe.INCREMENTAL),
    DOM_NAV("dom.nav", Sender.SHARER, Delivery.RELIABLE, Keyframe.INCREMENTAL),
    DOM_SCROLL("dom.scroll", Sender.SHARER, Delivery.LATEST, Keyframe.LATEST),
    DOM_VIEWPORT("dom.viewport", Sender.SHARER, Delivery.LATEST, Keyframe.LATEST),
    DOM_FOCUS("dom.focus", Sender.SHARER, Delivery.LATEST, Keyframe.LATEST),
    // annotations of every active participant: ordered, never dropped, replayed to late joiners
    ANN_BEGIN("ann.begin", Sender.ACTIVE, Delivery.RELIABLE, Keyframe.ANNOTATION),
    ANN_POINTS("ann.points", Sender.ACTIVE, Delivery.RELIABLE, Keyframe.ANNOTATION),
    ANN_END("ann.end", Sender.ACTIVE, Delivery.RELIABLE, Keyframe.ANNOTATION),
    ANN_UNDO("ann.undo", Sender.ACTIVE, Delivery.RELIABLE, Keyframe.ANNOTATION),
    ANN_CLEAR("ann.clear", Sender.ACTIVE, Delivery.RELIABLE, Keyframe.ANNOTATION),
    ANN_CLEAR_ALL("ann.clear-all", Sender.ADVISOR, Delivery.RELIABLE, Keyframe.ANNOTATION_RESET),
    /** Whether annotations persist per page ({"keep": true}) or vanish on navigation (the default). */
    ANN_KEEP("ann.keep", Sender.ADVISOR, Delivery.RELIABLE, Keyframe.ANNOTATION),
    // pointers of every active participant: droppable, latest wins
    PTR_MOVE("ptr.move", Sender.ACTIVE, Delivery.LATEST, Keyframe.NONE),
    PTR_CLICK("ptr.click", Sender.ACTIVE, Delivery.LATEST, Keyframe.NONE),
    PTR_LASER("ptr.laser", Sender.ACTIVE, Delivery.LATEST, Keyframe.NONE),
    PTR_SPOTLIGHT("ptr.spotlight", Sender.ACTIVE, Delivery.LATEST, Keyframe.NONE),
    // remote control of the stage page, with its sharer's consent; the room checks who may send each (Control)
    CTL_REQUEST("ctl.request", Sender.ACTIVE, Delivery.RELIABLE, Keyframe.NONE),
    CTL_GRANT("ctl.grant", Sender.ACTIVE, Delivery.RELIABLE, Keyframe.NONE),
    CTL_DENY("ctl.deny", Sender.ACTIVE, Delivery.RELIABLE, Keyframe.NONE),
    CTL_REVOKE("ctl.revoke", Sender.ACTIVE, Delivery.RELIABLE, Keyframe.NONE),
    CTL_ACTION("ctl.action", Sender.ACTIVE, Delivery.RELIABLE, Keyframe.NONE),
    CTL_RESULT("ctl.result", Sender.SHARER, Delivery.RELIABLE, Keyframe.NONE),
    // the shared document viewer: the room keeps which version is open, who presents, and the presenter's view
    DOC_OPEN("doc.open", Sender.ADVISOR, Delivery.RELIABLE, Keyframe.NONE),
    DOC_CLOSE("doc.close", Sender.ADVISOR, Delivery.RELIABLE, Keyframe.NONE),
    /** The presenter's page, scroll and zoom; only the presenter may send it (others get sys.error). */
    DOC_VIEW("doc.view", Sender.ACTIVE, Delivery.LATEST, Keyframe.NONE),
    DOC_PRESENTER("doc.presenter", Sender.ACTIVE, Delivery.RELIABLE, Keyframe.NONE),
    DOC_FOLLOW("doc.follow", Sender.ACTIVE, Delivery.RELIABLE, Keyframe.NONE),
    /** The customer signed off a clause (stored over HTTP first); tells the others. */
    DOC_ACK("doc.ack", Sender.ACTIVE, Delivery.RELIABLE, Keyframe.NONE),
    // the video call's invitation, wherever the other side is (the call itself is signalled by signaling/)
    CALL_INVITE("call.invite", Sender.ACTIVE, Delivery.RELIABLE, Keyframe.NONE),
    CALL_ACCEPT("call.accept", Sender.ACTIVE, Delivery.RELIABLE, Keyframe.NONE),
    CALL_DECLINE("call.decline", Sender.ACTIVE, Delivery.RELIABLE, Keyframe.NONE),
    CALL_CANCEL("call.cancel", Sender.ACTIVE, Delivery.RELIABLE, Keyframe.NONE),
    // screen sharing in the call: the advisor asks, the customer decides; either says when it shares
    CALL_SCREEN_ASK("call.screen-ask", Sender.ADVISOR, Delivery.RELIABLE, Keyframe.NONE),
    CALL_SCREEN("call.screen", Sender.ACTIVE, Delivery.RELIABLE, Keyframe.NONE);

    /** Who may send a type. */
    public enum Sender {
        /** Only the server. A client sending it is forbidden. */
        SERVER,
        /** Every connection, including silent supervisors. */
        ANY,
        /** Customer and advisor, never a silent supervisor. */
        ACTIVE,
        /** Advisors only. */
        ADVISOR,
        /** Staff signed in with a token: advisors and supervisors. */
        STAFF,
        /** The participant whose page is on the stage; others' frames are dropped (stage switches race). */
        SHARER
    }

    /** How a type travels to recipients. */
    public enum Delivery {
        /** Handled by the server itself. */
        SERVER,
        /** Ordered and never dropped; numbered for resume. */
        RELIABLE,
        /** Latest wins per sender and key: coalesced when a recipient is behind, never numbered. */
        LATEST
    }

    /** What a type means for the session's keyframe. */
    public enum Keyframe {
        NONE,
        /** Starts a new keyframe. */
        SNAPSHOT,
        /** Appended to the keyframe. */
        INCREMENTAL,
        /** Kept in the keyframe as the latest value per key. */
        LATEST,
        /** Kept in the session's annotation log, replayed after the keyframe. */
        ANNOTATION,
        /** Empties the annotation log, then starts it anew. */
        ANNOTATION_RESET
    }

    /** The family a type belongs to, from its wire name's prefix: the room routes each family to one handler. */
    public enum Family {
        SYS,
        DOM,
        ANN,
        PTR,
        CTL,
        DOC,
        CALL
    }

    private static final Map<String, MessageType> BY_WIRE = new HashMap<>();

    static {
        for (MessageType t : values()) {
            BY_WIRE.put(t.wire, t);
        }
    }

    private final String wire;
    private final Sender sender;
    private final Delivery delivery;
    private final Keyframe keyframe;
    private final Family family;

    MessageType(String wire, Sender sender, Delivery delivery, Keyframe keyframe) {
        this.wire = wire;
        this.sender = sender;
        this.delivery = delivery;
        this.keyframe = keyframe;
        this.family = Family.valueOf(wire.substring(0, wire.indexOf('.')).toUpperCase(java.util.Locale.ROOT));
    }

    public static MessageType fromWire(String wire) {
        return BY_WIRE.get(wire);
    }

    public String wire() {
        return wire;
    }

    public Sender sender() {
        return sender;
    }

    public Delivery delivery() {
        return delivery;
    }

    public Keyframe keyframe() {
        return keyframe;
    }

    public Family family() {
        return family;
    }

    /** Whether this role may ever send this type (sharing is decided by the room, at the time of sending). */
    public boolean mayBeSentBy(Role role) {
        return switch (sender) {
            case SERVER -> false;
            case ANY -> true;
            case ACTIVE, SHARER -> role != Role.SUPERVISOR;
            case ADVISOR -> role == Role.ADVISOR;
            case STAFF -> role == Role.ADVISOR || role == Role.SUPERVISOR;
        };
    }
}

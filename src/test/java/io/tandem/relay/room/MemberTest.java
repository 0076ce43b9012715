package io.tandem.relay.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.tandem.relay.protocol.MessageType;
import io.tandem.relay.protocol.Role;
import org.junit.jupiter.api.Test;

/** A member's latest-wins keys: sender, type and the frame's own key; a pointer's is built once, not per move. */
class MemberTest {

    @Test
    void aKeylessLatestKeyIsBuiltOnceAndFollowsTheParticipantAndTheType() {
        Member m = new Member(new Participant("customer", Role.CUSTOMER, "Cy"));
        String pointer = m.latestKey(MessageType.PTR_MOVE, null);
        assertEquals("customer|ptr.move|", pointer);
        assertSame(pointer, m.latestKey(MessageType.PTR_MOVE, null), "the same string for every move");
        assertEquals("customer|dom.viewport|", m.latestKey(MessageType.DOM_VIEWPORT, null));
        assertEquals("customer|dom.scroll|n12", m.latestKey(MessageType.DOM_SCROLL, "n12"));
        assertEquals("customer|ptr.move|", m.latestKey(MessageType.PTR_MOVE, null), "back to the pointer");
        m.participant = new Participant("advisor-2", Role.ADVISOR, "Bo"); // stepped in under another id
        assertEquals("advisor-2|ptr.move|", m.latestKey(MessageType.PTR_MOVE, null));
    }
}

package io.tandem.relay.protocol;

import static io.tandem.relay.protocol.MessageType.Delivery.LATEST;
import static io.tandem.relay.protocol.MessageType.Delivery.RELIABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The type table the relay routes by: who may send what, how it travels, and that it is the documented table. */
class MessageTypeTest {

    private static final Set<Role> NOBODY = EnumSet.noneOf(Role.class);
    private static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);
    private static final Set<Role> ACTIVE = EnumSet.of(Role.CUSTOMER, Role.ADVISOR);

    /** Who may ever send each type, written out by hand so that a change to the table is a deliberate one. */
    private static final Map<MessageType, Set<Role>> MAY_SEND = Map.ofEntries(
            Map.entry(MessageType.SYS_HELLO, EVERYONE), Map.entry(MessageType.SYS_PING, EVERYONE),
            Map.entry(MessageType.SYS_STAGE, EnumSet.of(Role.ADVISOR)),
            Map.entry(MessageType.SYS_LANGUAGE, EnumSet.of(Role.ADVISOR)),
            Map.entry(MessageType.SYS_AUTH, EnumSet.of(Role.ADVISOR, Role.SUPERVISOR)),
            Map.entry(MessageType.SYS_WELCOME, NOBODY),
            Map.entry(MessageType.SYS_PONG, NOBODY), Map.entry(MessageType.SYS_ACK, NOBODY),
            Map.entry(MessageType.SYS_PRESENCE, NOBODY), Map.entry(MessageType.SYS_SNAPSHOT_REQUEST, NOBODY),
            Map.entry(MessageType.SYS_RESET, NOBODY), Map.entry(MessageType.SYS_END, NOBODY),
            Map.entry(MessageType.SYS_RECONNECT, NOBODY), Map.entry(MessageType.DOM_SNAP, ACTIVE),
            Map.entry(MessageType.DOM_MUT, ACTIVE), Map.entry(MessageType.DOM_NAV, ACTIVE),
            Map.entry(MessageType.DOM_SCROLL, ACTIVE), Map.entry(MessageType.DOM_VIEWPORT, ACTIVE),
            Map.entry(MessageType.DOM_FOCUS, ACTIVE), Map.entry(MessageType.PTR_MOVE, ACTIVE),
            Map.entry(MessageType.PTR_CLICK, ACTIVE), Map.entry(MessageType.PTR_LASER, ACTIVE),
            Map.entry(MessageType.PTR_SPOTLIGHT, ACTIVE), Map.entry(MessageType.ANN_BEGIN, ACTIVE),
            Map.entry(MessageType.ANN_POINTS, ACTIVE), Map.entry(MessageType.ANN_END, ACTIVE),
            Map.entry(MessageType.ANN_UNDO, ACTIVE), Map.entry(MessageType.ANN_CLEAR, ACTIVE),
            Map.entry(MessageType.ANN_CLEAR_ALL, EnumSet.of(Role.ADVISOR)),
            Map.entry(MessageType.ANN_KEEP, EnumSet.of(Role.ADVISOR)),
            Map.entry(MessageType.SYS_CONTROL, NOBODY), Map.entry(MessageType.SYS_ERROR, NOBODY),
            Map.entry(MessageType.SYS_CALL, NOBODY),
            Map.entry(MessageType.SYS_NOTICE, NOBODY),
            Map.entry(MessageType.CTL_REQUEST, ACTIVE), Map.entry(MessageType.CTL_GRANT, ACTIVE),
            Map.entry(MessageType.CTL_DENY, ACTIVE), Map.entry(MessageType.CTL_REVOKE, ACTIVE),
            Map.entry(MessageType.CTL_ACTION, ACTIVE), Map.entry(MessageType.CTL_RESULT, ACTIVE),
            Map.entry(MessageType.DOC_OPEN, EnumSet.of(Role.ADVISOR)),
            Map.entry(MessageType.DOC_CLOSE, EnumSet.of(Role.ADVISOR)), Map.entry(MessageType.DOC_VIEW, ACTIVE),
            Map.entry(MessageType.DOC_PRESENTER, ACTIVE), Map.entry(MessageType.DOC_FOLLOW, ACTIVE),
            Map.entry(MessageType.DOC_ACK, ACTIVE), Map.entry(MessageType.CALL_INVITE, ACTIVE),
            Map.entry(MessageType.CALL_ACCEPT, ACTIVE), Map.entry(MessageType.CALL_DECLINE, ACTIVE),
            Map.entry(MessageType.CALL_CANCEL, ACTIVE),
            Map.entry(MessageType.CALL_SCREEN_ASK, EnumSet.of(Role.ADVISOR)),
            Map.entry(MessageType.CALL_SCREEN, ACTIVE), Map.entry(MessageType.SYS_IN_CALL, ACTIVE));

    @Test
    void eachTypeBelongsToTheFamilyItsWireNameStartsWith() {
        assertEquals(MessageType.Family.DOC, MessageType.DOC_VIEW.family());
        assertEquals(MessageType.Family.CTL, MessageType.CTL_RESULT.family());
        assertEquals(MessageType.Family.SYS, MessageType.SYS_STAGE.family());
        for (MessageType t : MessageType.values()) {
            assertTrue(t.wire().startsWith(t.family().name().toLowerCase(java.util.Locale.ROOT) + "."), t.wire());
        }
        assertEquals(7, Arrays.stream(MessageType.values()).map(MessageType::family).distinct().count(),
                "sys, dom, ann, ptr, ctl, doc, call");
    }

    @Test
    void authorizationTableCoversEveryTypeAndRole() {
        assertEquals(EnumSet.allOf(MessageType.class), EnumSet.copyOf(MAY_SEND.keySet()),
                "a new type needs a row in this test");
        for (MessageType t : MessageType.values()) {
            for (Role r : Role.values()) {
                assertEquals(MAY_SEND.get(t).contains(r), t.mayBeSentBy(r), t.wire() + " sent by " + r);
            }
        }
    }

    @Test
    void supervisorsMaySendOnlyHelloPingAndTokenRenewals() {
        Set<MessageType> allowed = Arrays.stream(MessageType.values()).filter(t -> t.mayBeSentBy(Role.SUPERVISOR))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(MessageType.class)));
        assertEquals(EnumSet.of(MessageType.SYS_HELLO, MessageType.SYS_PING, MessageType.SYS_AUTH), allowed);
    }

    @Test
    void nobodyMaySendServerTypes() {
        for (MessageType t : MessageType.values()) {
            if (t.sender() == MessageType.Sender.SERVER) {
                for (Role r : Role.values()) {
                    assertFalse(t.mayBeSentBy(r), t.wire() + " sent by " + r);
                }
            }
        }
        Set<MessageType> serverOnly = Arrays.stream(MessageType.values())
                .filter(t -> t.sender() == MessageType.Sender.SERVER)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(MessageType.class)));
        assertEquals(EnumSet.of(MessageType.SYS_WELCOME, MessageType.SYS_PONG, MessageType.SYS_ACK,
                MessageType.SYS_PRESENCE, MessageType.SYS_SNAPSHOT_REQUEST, MessageType.SYS_RESET,
                MessageType.SYS_END, MessageType.SYS_RECONNECT, MessageType.SYS_CONTROL, MessageType.SYS_ERROR,
                MessageType.SYS_CALL, MessageType.SYS_NOTICE), serverOnly);
    }

    @Test
    void onlyAdvisorsMayChangeTheStage() {
        assertTrue(MessageType.SYS_STAGE.mayBeSentBy(Role.ADVISOR));
        assertFalse(MessageType.SYS_STAGE.mayBeSentBy(Role.CUSTOMER));
        assertFalse(MessageType.SYS_STAGE.mayBeSentBy(Role.SUPERVISOR));
    }

    @Test
    void fromWireFindsEveryTypeByItsWireName() {
        for (MessageType t : MessageType.values()) {
            assertSame(t, MessageType.fromWire(t.wire()));
            assertTrue(t.wire().matches("(sys|dom|ptr|ann|ctl|doc|call)\\.[a-z-]+"), t.wire());
            assertTrue(t.wire().startsWith(t.name().substring(0, t.name().indexOf('_')).toLowerCase() + "."),
                    t.wire());
        }
        assertEquals(MessageType.values().length,
                Arrays.stream(MessageType.values()).map(MessageType::wire).distinct().count());
    }

    @Test
    void fromWireIsExactAndCaseSensitive() {
        assertNull(MessageType.fromWire("SYS.PING"));
        assertNull(MessageType.fromWire("SYS_PING"));
        assertNull(MessageType.fromWire("sys.ping "));
        assertNull(MessageType.fromWire("sys."));
        assertNull(MessageType.fromWire(""));
        assertNull(MessageType.fromWire(null));
    }

    @Test
    void reliableTypesArePageChangesAndAnnotationsAndPointersAreLatestWins() {
        assertEquals(EnumSet.of(MessageType.DOM_SNAP, MessageType.DOM_MUT, MessageType.DOM_NAV,
                MessageType.ANN_BEGIN, MessageType.ANN_POINTS, MessageType.ANN_END, MessageType.ANN_UNDO,
                MessageType.ANN_CLEAR, MessageType.ANN_CLEAR_ALL, MessageType.ANN_KEEP, MessageType.CTL_REQUEST,
                MessageType.CTL_GRANT,
                MessageType.CTL_DENY, MessageType.CTL_REVOKE, MessageType.CTL_ACTION, MessageType.CTL_RESULT,
                MessageType.DOC_OPEN, MessageType.DOC_CLOSE, MessageType.DOC_PRESENTER, MessageType.DOC_FOLLOW,
                MessageType.DOC_ACK, MessageType.CALL_INVITE, MessageType.CALL_ACCEPT, MessageType.CALL_DECLINE,
                MessageType.CALL_CANCEL, MessageType.CALL_SCREEN_ASK, MessageType.CALL_SCREEN),
                withDelivery(RELIABLE));
        assertEquals(EnumSet.of(MessageType.DOM_SCROLL, MessageType.DOM_VIEWPORT, MessageType.DOM_FOCUS,
                MessageType.PTR_MOVE, MessageType.PTR_CLICK, MessageType.PTR_LASER, MessageType.PTR_SPOTLIGHT,
                MessageType.DOC_VIEW),
                withDelivery(LATEST));
    }

    @Test
    void domTypesAreExactlyTheSharersAndMakeUpTheKeyframe() {
        for (MessageType t : MessageType.values()) {
            boolean dom = t.wire().startsWith("dom.");
            boolean ann = t.wire().startsWith("ann.");
            // the sharer's page, and the sharer reporting what a control action did to it
            assertEquals(dom || t == MessageType.CTL_RESULT, t.sender() == MessageType.Sender.SHARER, t.wire());
            assertEquals(dom, t.keyframe() != MessageType.Keyframe.NONE && !ann, t.wire());
            assertEquals(ann, t.keyframe() == MessageType.Keyframe.ANNOTATION
                    || t.keyframe() == MessageType.Keyframe.ANNOTATION_RESET, t.wire());
        }
        assertEquals(MessageType.Keyframe.SNAPSHOT, MessageType.DOM_SNAP.keyframe());
        assertEquals(MessageType.Keyframe.INCREMENTAL, MessageType.DOM_MUT.keyframe());
        assertEquals(MessageType.Keyframe.INCREMENTAL, MessageType.DOM_NAV.keyframe());
        assertEquals(MessageType.Keyframe.LATEST, MessageType.DOM_SCROLL.keyframe());
        assertEquals(MessageType.Keyframe.LATEST, MessageType.DOM_VIEWPORT.keyframe());
        assertEquals(MessageType.Keyframe.LATEST, MessageType.DOM_FOCUS.keyframe());
        for (MessageType t : MessageType.values()) {
            if (t.keyframe() == MessageType.Keyframe.LATEST) {
                assertEquals(LATEST, t.delivery(), t.wire());
            }
            if (t.keyframe() == MessageType.Keyframe.SNAPSHOT || t.keyframe() == MessageType.Keyframe.INCREMENTAL) {
                assertEquals(RELIABLE, t.delivery(), t.wire());
            }
        }
    }

    @Test
    void roleWireNamesAreLowerCase() {
        assertEquals("customer", Role.CUSTOMER.wire());
        assertEquals("advisor", Role.ADVISOR.wire());
        assertEquals("supervisor", Role.SUPERVISOR.wire());
    }

    /** One row of the "Message types" table of docs/protocol.md. */
    record DocumentedType(String wire, String from, String delivery) {}

    @Test
    void typeTableMatchesTheMessageTypesTableOfTheProtocolDocument() throws IOException {
        Map<String, DocumentedType> documented = documentedTypes();
        assertEquals(Arrays.stream(MessageType.values()).map(MessageType::wire).collect(Collectors.toSet()),
                documented.keySet(), "documented types");
        Map<String, String> mismatches = new TreeMap<>();
        for (MessageType t : MessageType.values()) {
            DocumentedType d = documented.get(t.wire());
            MessageType.Sender sender = documentedSender(d.from());
            MessageType.Delivery delivery = documentedDelivery(d.delivery());
            if (sender != t.sender()) {
                mismatches.put(t.wire() + " sender", "doc '" + d.from() + "' = " + sender + ", code " + t.sender());
            }
            if (delivery != t.delivery()) {
                mismatches.put(t.wire() + " delivery",
                        "doc '" + d.delivery() + "' = " + delivery + ", code " + t.delivery());
            }
        }
        assertEquals(Map.of(), mismatches, "docs/protocol.md and MessageType disagree");
    }

    private static Set<MessageType> withDelivery(MessageType.Delivery delivery) {
        return Arrays.stream(MessageType.values()).filter(t -> t.delivery() == delivery)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(MessageType.class)));
    }

    private static MessageType.Sender documentedSender(String from) {
        if (from.equals("any")) {
            return MessageType.Sender.ANY;
        }
        if (from.equals("server") || from.startsWith("server →")) {
            return MessageType.Sender.SERVER;
        }
        if (from.startsWith("staff")) {
            return MessageType.Sender.STAFF;
        }
        if (from.startsWith("advisor")) {
            return MessageType.Sender.ADVISOR;
        }
        if (from.equals("sharer")) {
            return MessageType.Sender.SHARER;
        }
        if (from.equals("customer, advisor")) {
            return MessageType.Sender.ACTIVE;
        }
        throw new AssertionError("unexpected 'from' in docs/protocol.md: " + from);
    }

    private static MessageType.Delivery documentedDelivery(String delivery) {
        if (delivery.equals("reliable")) {
            return RELIABLE;
        }
        if (delivery.startsWith("latest-wins")) {
            return LATEST;
        }
        if (delivery.equals("server") || delivery.equals("–")) {
            return MessageType.Delivery.SERVER;
        }
        throw new AssertionError("unexpected delivery in docs/protocol.md: " + delivery);
    }

    static List<List<String>> tableRows(String heading) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("docs/protocol.md"));
        int start = lines.indexOf(heading);
        assertTrue(start >= 0, "docs/protocol.md has no heading " + heading);
        List<List<String>> rows = new ArrayList<>();
        boolean inTable = false;
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("#"); i++) {
            String line = lines.get(i);
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            if (!inTable) {
                inTable = true;
                i++; // the header row; skip the separator row too
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (String cell : line.substring(1, line.length() - 1).split("(?<!\\\\)\\|")) {
                cells.add(cell.trim());
            }
            rows.add(cells);
        }
        return rows;
    }

    private static Map<String, DocumentedType> documentedTypes() throws IOException {
        Map<String, DocumentedType> types = new LinkedHashMap<>();
        Pattern code = Pattern.compile("`([a-z]+\\.[a-z-]+)`");
        for (List<String> row : tableRows("### Message types")) {
            List<String> wires = new ArrayList<>();
            Matcher m = code.matcher(row.get(0));
            while (m.find()) {
                wires.add(m.group(1));
            }
            String[] froms = row.get(1).split(" / ");
            String[] deliveries = row.get(2).split(" / ");
            for (int i = 0; i < wires.size(); i++) {
                String from = froms[Math.min(i, froms.length - 1)];
                String delivery = deliveries[Math.min(i, deliveries.length - 1)];
                types.put(wires.get(i), new DocumentedType(wires.get(i), from, delivery));
            }
        }
        return types;
    }
}

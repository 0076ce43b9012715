package io.tandem.relay.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.relay.listener.DocumentViewed;
import io.tandem.relay.protocol.BadFrameException;
import io.tandem.relay.protocol.CloseCode;
import io.tandem.relay.protocol.FrameCodec;
import io.tandem.relay.protocol.Role;
import io.tandem.testing.FakePeer.Frame;
import io.tandem.testing.RoomHarness;
import io.tandem.testing.RoomHarness.Conn;
import io.tandem.testing.MutableClock;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared document viewer in a room: open, presenter, views, handover, late joiners and the touchpoint. */
class SharedDocumentRoomTest {

    private static final UUID SESSION = UUID.fromString("0c9b7a6e-1111-4e5f-8a9b-0c1d2e3f4a5b");
    private static final UUID VERSION = UUID.fromString("2d4e6f80-2222-4e5f-8a9b-0c1d2e3f4a5b");
    private static final UUID OTHER = UUID.fromString("3e5f7091-3333-4e5f-8a9b-0c1d2e3f4a5b");
    private static final Participant CUSTOMER = new Participant(Participant.CUSTOMER_ID, Role.CUSTOMER, "Carla");
    private static final Participant ADVISOR = new Participant("adv-1", Role.ADVISOR, "Alex");
    private static final Participant SUPERVISOR = new Participant("sup-1", Role.SUPERVISOR, "Sam");
    private static final RoomLimits LIMITS = new RoomLimits(100_000, Duration.ofSeconds(20), 100_000, 5_000,
            Duration.ofSeconds(30), Duration.ofSeconds(30));

    private MutableClock clock;
    private Room room;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
        room = new Room(SESSION, LIMITS, clock);
    }

    private final RoomHarness harness = new RoomHarness(() -> room);

    private Conn join(Participant who) {
        return harness.join(who);
    }

    private static void view(Conn c, int page, double zoom) {
        c.send("{\"t\":\"doc.view\"}", "{\"page\":" + page + ",\"scroll\":0.25,\"zoom\":" + zoom + "}");
    }

    private static String open(UUID version) {
        return "{\"documentId\":\"" + UUID.randomUUID() + "\",\"versionId\":\"" + version
                + "\",\"contentType\":\"application/pdf\"}";
    }

    @Test
    void theAdvisorOpensADocumentPresentsItAndTheCustomerGetsEveryView() {
        Conn advisor = join(ADVISOR);
        Conn customer = join(CUSTOMER);
        customer.peer.take();
        advisor.reliable("doc.open", open(VERSION));
        view(advisor, 2, 1.5);
        List<Frame> got = customer.peer.take();
        assertEquals(List.of("doc.open", "doc.view"), got.stream().map(Frame::type).toList());
        assertEquals(VERSION.toString(), got.get(0).json().path("versionId").asText());
        assertEquals("adv-1", got.get(1).from());
        assertEquals(2, got.get(1).json().path("page").asInt());
        assertEquals(1.5, got.get(1).json().path("zoom").asDouble());
    }

    @Test
    void onlyThePresenterLeadsOthersGetSysErrorAndNothingIsRelayed() {
        Conn advisor = join(ADVISOR);
        Conn customer = join(CUSTOMER);
        view(customer, 1, 1.0);
        assertEquals("no-document", customer.take("sys.error").get(0).json().path("code").asText());
        advisor.reliable("doc.open", open(VERSION));
        advisor.peer.take();
        customer.peer.take();
        view(customer, 3, 2.0);
        customer.reliable("doc.follow", "{}");
        List<Frame> errors = customer.take("sys.error");
        assertEquals(2, errors.size());
        assertEquals("not-presenter", errors.get(0).json().path("code").asText());
        assertEquals("doc.view", errors.get(0).json().path("type").asText());
        assertEquals(List.of(), advisor.take("doc.view"));
        assertEquals(List.of(), advisor.take("doc.follow"));
        assertEquals(List.of(), customer.peer.closes);
        // the customer may not open or close documents at all
        customer.reliable("doc.close", "{}");
        assertEquals(List.of(CloseCode.FORBIDDEN), customer.peer.closes);
    }

    @Test
    void presentingIsHandedOverAndTheAdvisorCanTakeItBack() {
        Conn advisor = join(ADVISOR);
        Conn customer = join(CUSTOMER);
        Conn supervisor = join(SUPERVISOR);
        advisor.reliable("doc.open", open(VERSION));
        advisor.reliable("doc.presenter", "{\"to\":\"sup-1\"}");
        assertEquals("bad-presenter", advisor.take("sys.error").get(0).json().path("code").asText());
        advisor.reliable("doc.presenter", "{\"to\":\"customer\"}");
        assertEquals("customer", customer.take("doc.presenter").get(0).json().path("to").asText());
        view(customer, 2, 1.25);
        customer.reliable("doc.follow", "{}");
        assertEquals(List.of("doc.view", "doc.follow"),
                advisor.peer.take().stream().map(Frame::type).filter(t -> t.startsWith("doc.")).toList());
        // supervisors watch silently: they see the handover and the new presenter's view too
        assertEquals(List.of("doc.open", "doc.presenter", "doc.view", "doc.follow"),
                supervisor.peer.take().stream().map(Frame::type).filter(t -> t.startsWith("doc.")).toList());
        view(advisor, 1, 1.0);
        assertEquals("not-presenter", advisor.take("sys.error").get(0).json().path("code").asText());
        advisor.reliable("doc.presenter", "{\"to\":\"adv-1\"}");
        view(advisor, 3, 1.0);
        assertEquals(3, customer.take("doc.view").get(0).json().path("page").asInt());
    }

    @Test
    void aLateJoinerIsWelcomedWithTheOpenDocumentThePresenterAndTheLatestView() {
        Conn advisor = join(ADVISOR);
        advisor.reliable("doc.open", open(VERSION));
        view(advisor, 2, 1.0);
        view(advisor, 3, 1.75);
        Conn customer = join(CUSTOMER);
        var document = customer.take("sys.welcome").get(0).json().path("document");
        assertEquals(VERSION.toString(), document.path("versionId").asText());
        assertEquals("adv-1", document.path("presenter").asText());
        assertEquals(3, document.path("view").path("page").asInt());
        assertEquals(1.75, document.path("view").path("zoom").asDouble());
        advisor.reliable("doc.close", "{}");
        assertEquals(1, customer.take("doc.close").size());
        assertTrue(join(new Participant("adv-2", Role.ADVISOR, "Bo")).take("sys.welcome").get(0).json()
                .path("document").isNull());
    }

    @Test
    void badDocumentFramesAreProtocolErrors() {
        Conn advisor = join(ADVISOR);
        assertThrows(BadFrameException.class, () -> advisor.reliable("doc.open", "{\"versionId\":\"nope\"}"));
        advisor.reliable("doc.open", open(VERSION));
        assertThrows(BadFrameException.class, () -> view(advisor, 0, 1.0));
        assertThrows(BadFrameException.class,
                () -> advisor.send("{\"t\":\"doc.view\"}", "{\"page\":\"2\",\"zoom\":1}"));
    }

    @Test
    void theTouchpointGetsTimeAndPagesPerVersion() {
        Conn advisor = join(ADVISOR);
        join(CUSTOMER);
        advisor.reliable("doc.open", open(VERSION));
        clock.advance(Duration.ofSeconds(10));
        view(advisor, 2, 1.0);
        view(advisor, 2, 1.5);
        clock.advance(Duration.ofMillis(5_500));
        advisor.reliable("doc.open", open(OTHER));
        clock.advance(Duration.ofSeconds(4));
        List<DocumentViewed> first = room.takeDocumentViewings();
        assertEquals(2, first.size());
        assertEquals(VERSION, first.get(0).versionId());
        assertEquals(15, first.get(0).seconds());
        assertEquals(Set.of(1, 2), first.get(0).pages());
        assertEquals(OTHER, first.get(1).versionId());
        assertEquals(4, first.get(1).seconds());
        assertEquals(Set.of(1), first.get(1).pages());
        clock.advance(Duration.ofSeconds(3));
        advisor.reliable("doc.close", "{}");
        clock.advance(Duration.ofSeconds(30));
        List<DocumentViewed> second = room.takeDocumentViewings();
        assertEquals(1, second.size(), second.toString());
        assertEquals(OTHER, second.get(0).versionId());
        assertEquals(3, second.get(0).seconds());
        assertEquals(List.of(), room.takeDocumentViewings());
    }
}

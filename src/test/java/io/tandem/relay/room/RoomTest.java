package io.tandem.relay.room;

import io.tandem.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.relay.protocol.BadFrameException;
import io.tandem.relay.protocol.CloseCode;
import io.tandem.relay.protocol.FrameCodec;
import io.tandem.relay.protocol.Role;
import io.tandem.testing.FakePeer.Frame;
import io.tandem.testing.RoomHarness;
import io.tandem.testing.RoomHarness.Conn;
import io.tandem.relay.listener.RoomActivity;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A room driven directly with fake connections and a clock that only moves when told. */
class RoomTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID SESSION = UUID.fromString("6f1c2a3e-0b4d-4e5f-8a9b-0c1d2e3f4a5b");
    private static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
    private static final Participant CUSTOMER = new Participant(Participant.CUSTOMER_ID, Role.CUSTOMER, "Carla");
    private static final Participant ADVISOR = new Participant("adv-1", Role.ADVISOR, "Alex");
    private static final Participant ADVISOR2 = new Participant("adv-2", Role.ADVISOR, "Bea");
    private static final Participant SUPERVISOR = new Participant("sup-1", Role.SUPERVISOR, "Sam");
    private static final RoomLimits LIMITS = new RoomLimits(100_000, Duration.ofSeconds(20), 100_000, 5_000,
            Duration.ofSeconds(30), Duration.ofSeconds(30));

    private MutableClock clock;
    private Room room;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(T0);
        room = new Room(SESSION, LIMITS, clock);
    }

    private final RoomHarness harness = new RoomHarness(() -> room);

    private Conn connect(Participant who) {
        return harness.connect(who);
    }

    private Conn join(Participant who) {
        return harness.join(who);
    }

    private Conn join(Participant who, String epoch, long resume) {
        return harness.join(who, epoch, resume);
    }

    private Conn joinHolding(Participant who) {
        return harness.joinHolding(who);
    }

    private static String pad(String prefix, int size) {
        return prefix + "x".repeat(Math.max(0, size - prefix.length()));
    }

    private static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String member(Participant p, String state) {
        return "{\"id\":\"" + p.id() + "\",\"role\":\"" + p.role().wire() + "\",\"name\":\"" + p.name()
                + "\",\"state\":\"" + state + "\"}";
    }

    private static void assertPresence(Frame f, String... members) {
        assertEquals("sys.presence", f.type());
        assertEquals(json("{\"participants\":[" + String.join(",", members) + "]}"), f.json());
    }

    private static Frame only(List<Frame> frames) {
        assertEquals(1, frames.size(), () -> "expected one frame, got " + frames);
        return frames.get(0);
    }

    private static Frame last(List<Frame> frames) {
        assertFalse(frames.isEmpty());
        return frames.get(frames.size() - 1);
    }

    // ---- hello and welcome ----

    @Test
    void firstFrameOfAConnectionMustBeHello() {
        Conn c = connect(CUSTOMER);
        assertThrows(BadFrameException.class, () -> c.reliable("dom.snap", 1, "{}"));
        assertThrows(BadFrameException.class, () -> c.send("{\"t\":\"sys.ping\"}", ""));
        assertThrows(BadFrameException.class, () -> c.send("{\"t\":\"ptr.move\"}", "{}"));
        assertEquals(0, room.connections());
        assertTrue(c.peer.sent().isEmpty());
        assertTrue(c.peer.closes.isEmpty());
        c.hello("e1", 0);
        assertEquals(1, room.connections());
    }

    @Test
    void helloNeedsAnEpochOfOneToSixtyFourSafeCharactersInAJsonObject() {
        for (String payload : List.of("{}", "{\"epoch\":\"\"}", "{\"epoch\":\"a b\"}", "{\"epoch\":\"a/b\"}",
                "{\"epoch\":\"" + "e".repeat(65) + "\"}", "{\"epoch\":null}", "[\"e1\"]", "\"e1\"", "not json", "",
                "{\"epoch\":\"e1\",\"pad\":\"" + "x".repeat(2048) + "\"}")) {
            Conn c = connect(CUSTOMER);
            assertThrows(BadFrameException.class, () -> c.send("{\"t\":\"sys.hello\"}", payload), payload);
            assertTrue(c.peer.sent().isEmpty(), payload);
        }
        assertEquals(0, room.connections());
        join(CUSTOMER, "e".repeat(64), 0);
        join(ADVISOR, "Az09_-", 0);
        assertEquals(2, room.connections());
    }

    @Test
    void secondHelloOnTheSameConnectionIsABadMessage() {
        Conn c = join(CUSTOMER);
        assertThrows(BadFrameException.class, () -> c.hello("e1", 0));
    }

    @Test
    void welcomeNamesSessionParticipantStageAndWhoIsHere() {
        Conn customer = join(CUSTOMER);
        List<Frame> frames = customer.take();
        assertEquals(List.of("sys.welcome", "sys.presence"), frames.stream().map(Frame::type).toList());
        Frame welcome = frames.get(0);
        assertEquals("{\"t\":\"sys.welcome\"}", welcome.toString().substring(0, welcome.toString().indexOf('\n')));
        assertEquals(json("{\"sessionId\":\"" + SESSION + "\",\"participantId\":\"customer\",\"role\":\"customer\","
                + "\"name\":\"Carla\",\"acked\":0,\"lastN\":0,\"remoteControl\":true,\"keepAnnotations\":false,"
                + "\"stage\":{\"mode\":\"customer\",\"sharer\":\"customer\"},\"control\":{\"state\":\"none\"},"
                + "\"document\":null,\"language\":null,\"participants\":[" + member(CUSTOMER, "connected") + "]}"),
                welcome.json());
        assertPresence(frames.get(1), member(CUSTOMER, "connected"));
    }

    @Test
    void viewerJoiningAnEmptyRoomIsResetAndTheSharerIsAskedForASnapshot() {
        Conn customer = join(CUSTOMER);
        customer.take();
        Conn advisor = join(ADVISOR);
        List<Frame> a = advisor.take();
        assertEquals(List.of("sys.welcome", "sys.reset", "sys.presence"), a.stream().map(Frame::type).toList());
        assertEquals(json("[" + member(CUSTOMER, "connected") + "," + member(ADVISOR, "connected") + "]"),
                a.get(0).json().path("participants"));
        assertEquals("advisor", a.get(0).json().path("role").asText());
        assertEquals("{\"t\":\"sys.reset\"}\n{\"n\":0}", a.get(1).toString());
        List<Frame> c = customer.take();
        assertEquals(2, c.size());
        assertEquals("{\"t\":\"sys.snapshot-request\"}\n{\"reason\":\"keyframe-missing\"}", c.get(0).toString());
        assertPresence(c.get(1), member(CUSTOMER, "connected"), member(ADVISOR, "connected"));
    }

    @Test
    void lateJoinerGetsTheKeyframeAndOthersPointersWithoutAskingTheSharer() {
        Conn customer = join(CUSTOMER);
        Conn advisor = join(ADVISOR);
        customer.send("{\"t\":\"dom.snap\",\"s\":1,\"ts\":11}", "SNAP");
        customer.reliable("dom.mut", 2, "M2");
        customer.send("{\"t\":\"dom.scroll\",\"k\":\"page\"}", "Y1");
        customer.send("{\"t\":\"dom.scroll\",\"k\":\"n5\"}", "N5");
        customer.send("{\"t\":\"dom.scroll\",\"k\":\"page\",\"ts\":12}", "Y2");
        customer.send("{\"t\":\"dom.nav\",\"s\":3,\"k\":\"load\"}", "NAV");
        customer.send("{\"t\":\"dom.viewport\"}", "VP");
        customer.send("{\"t\":\"ptr.move\"}", "CP1");
        customer.send("{\"t\":\"ptr.move\"}", "CP2");
        advisor.send("{\"t\":\"ptr.move\"}", "AP");
        customer.take();

        Conn late = join(ADVISOR2);
        List<Frame> taken = late.take();
        assertEquals(List.of("sys.welcome", "sys.reset", "dom.snap", "dom.mut", "dom.nav", "dom.scroll", "dom.scroll",
                "dom.viewport", "ptr.move", "ptr.move", "sys.presence"), taken.stream().map(Frame::type).toList());
        List<String> frames = taken.stream().map(Frame::toString).toList();
        assertEquals(List.of("{\"t\":\"sys.reset\"}\n{\"n\":3}",
                "{\"t\":\"dom.snap\",\"n\":1,\"from\":\"customer\",\"ts\":11}\nSNAP",
                "{\"t\":\"dom.mut\",\"n\":2,\"from\":\"customer\"}\nM2",
                "{\"t\":\"dom.nav\",\"n\":3,\"from\":\"customer\",\"k\":\"load\"}\nNAV",
                "{\"t\":\"dom.scroll\",\"from\":\"customer\",\"k\":\"n5\"}\nN5",
                "{\"t\":\"dom.scroll\",\"from\":\"customer\",\"ts\":12,\"k\":\"page\"}\nY2",
                "{\"t\":\"dom.viewport\",\"from\":\"customer\"}\nVP", "{\"t\":\"ptr.move\",\"from\":\"customer\"}\nCP2",
                "{\"t\":\"ptr.move\",\"from\":\"adv-1\"}\nAP"), frames.subList(1, 10));
        assertTrue(customer.take().stream().noneMatch(f -> f.type().equals("sys.snapshot-request")),
                "the keyframe is enough; the sharer is not asked");
    }

    @Test
    void rejoinerIsNotSentItsOwnPointer() {
        Conn customer = join(CUSTOMER);
        Conn advisor = join(ADVISOR);
        customer.reliable("dom.snap", 1, "S");
        advisor.send("{\"t\":\"ptr.move\"}", "AP");
        advisor.closed();
        Conn again = join(ADVISOR);
        assertTrue(again.take().stream().noneMatch(f -> f.type().equals("ptr.move")));
    }

    // ---- routing ----

    @Test
    void relaysToEveryoneButTheSenderWithSenderSequenceAndPayloadBytesUntouched() {
        Conn customer = join(CUSTOMER);
        Conn advisor = join(ADVISOR);
        Conn supervisor = join(SUPERVISOR);
        customer.take();
        advisor.take();
        supervisor.take();
        byte[] payload = {'[', '\n', (byte) 0xFF, 0, (byte) 0xC3, '(', '\n', ']'};
        customer.send("{\"t\":\"dom.snap\",\"s\":1,\"ts\":1700000000000}", payload);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes("{\"t\":\"dom.snap\",\"n\":1,\"from\":\"customer\",\"ts\":1700000000000}\n"
                .getBytes(StandardCharsets.US_ASCII));
        expected.writeBytes(payload);
        assertArrayEquals(expected.toByteArray(), only(advisor.take()).raw().getBytes());
        assertArrayEquals(expected.toByteArray(), only(supervisor.take()).raw().getBytes());
        assertEquals(List.of(), customer.take());

        advisor.send("{\"t\":\"ptr.move\",\"ts\":5}", "{\"x\":1}");
        assertEquals("{\"t\":\"ptr.move\",\"from\":\"adv-1\",\"ts\":5}\n{\"x\":1}", only(customer.take()).toString());
        assertEquals("{\"t\":\"ptr.move\",\"from\":\"adv-1\",\"ts\":5}\n{\"x\":1}", only(supervisor.take()).toString());
        assertEquals(List.of(), advisor.take());
    }

    @Test
    void roomSequenceNumbersOnlyReliableFramesAndCountsAcrossSenders() {
        Conn customer = join(CUSTOMER);
        Conn advisor = join(ADVISOR);
        advisor.take();
        customer.reliable("dom.snap", 1, "S");
        customer.send("{\"t\":\"dom.scroll\",\"k\":\"page\"}", "Y");
        customer.reliable("dom.mut", 2, "M");
        customer.send("{\"t\":\"ptr.move\"}", "P");
        customer.send("{\"t\":\"dom.nav\",\"s\":3,\"k\":\"title\"}", "T");
        List<Frame> frames = advisor.take();
        assertEquals(List.of(1L, 0L, 2L, 0L, 3L), frames.stream().map(Frame::n).toList());
        assertTrue(frames.stream().allMatch(f -> f.header().has("n") == (f.n() > 0)), "n is absent, not 0");
    }

    @Test
    void supervisorOnlyEverGetsItsOwnPongsBackAndNobodyElseSeesThem() {
        Conn customer = join(CUSTOMER);
        Conn advisor = join(ADVISOR);
        Conn supervisor = join(SUPERVISOR);
        customer.take();
        advisor.take();
        supervisor.take();
        supervisor.send("{\"t\":\"sys.ping\"}", "t=1");
        assertEquals(List.of("sys.pong", "sys.ack"), supervisor.types());
        assertEquals(List.of(), customer.take());
        assertEquals(List.of(), advisor.take());
    }

    @Test
    void supervisorSendingAnythingButHelloAndPingIsClosedWith4403() {
        for (String header : List.of("{\"t\":\"ptr.move\"}", "{\"t\":\"dom.snap\",\"s\":1}",
                "{\"t\":\"dom.scroll\",\"k\":\"page\"}", "{\"t\":\"sys.stage\"}", "{\"t\":\"sys.ack\"}")) {
            room = new Room(SESSION, LIMITS, clock);
            Conn customer = join(CUSTOMER);
            Conn supervisor = join(SUPERVISOR);
            customer.take();
            supervisor.send(header, "{\"mode\":\"advisor\"}");
            assertEquals(List.of(CloseCode.FORBIDDEN), supervisor.peer.closes, header);
            assertEquals(List.of(), customer.take(), header);
        }
    }

    @Test
    void customerChangingTheStageIsClosedWith4403AndNothingChanges() {
        Conn customer = join(CUSTOMER);
        Conn advisor = join(ADVISOR);
        advisor.take();
        customer.send("{\"t\":\"sys.stage\"}", "{\"mode\":\"advisor\"}");
        assertEquals(List.of(CloseCode.FORBIDDEN), customer.peer.closes);
        // the offender leaves the room at once (presence says so); the stage itself is untouched
        List<String> seen = advisor.take().stream().map(f -> f.header().path("t").asText()).toList();
        assertEquals(List.of("sys.presence"), seen);
        Conn late = join(ADVISOR2);
        assertEquals(json("{\"mode\":\"customer\",\"sharer\":\"customer\"}"), late.take().get(0).json().path("stage"));
    }

    @Test
    void anyClientSendingAServerTypeIsClosedWith4403() {
        for (String type : List.of("sys.welcome", "sys.pong", "sys.ack", "sys.presence", "sys.snapshot-request",
                "sys.reset", "sys.end", "sys.reconnect")) {
            room = new Room(SESSION, LIMITS, clock);
            Conn customer = join(CUSTOMER);
            Conn advisor = join(ADVISOR);
            customer.take();
            advisor.send("{\"t\":\"" + type + "\"}", "{}");
            assertEquals(List.of(CloseCode.FORBIDDEN), advisor.peer.closes, type);
            customer.send("{\"t\":\"" + type + "\"}", "{}");
            assertEquals(List.of(CloseCode.FORBIDDEN), customer.peer.closes, type);
        }
    }

    @Test
    void domFramesFromSomeoneWhoIsNotTheSharerAreDroppedSilently() {
        Conn customer = join(CUSTOMER);
        Conn advisor = join(ADVISOR);
        Conn supervisor = join(SUPERVISOR);
        customer.take();
        supervisor.take();
        advisor.reliable("dom.snap", 1, "A-SNAP");
        advisor.reliable("dom.mut", 2, "A-MUT");
        advisor.send("{\"t\":\"dom.scroll\",\"k\":\"page\"}", "A-Y");
        advisor.send("{\"t\":\"dom.focus\"}", "A-F");
        assertEquals(List.of(), customer.take());
        assertEquals(List.of(), supervisor.take());
        assertTrue(advisor.peer.closes.isEmpty());
        customer.reliable("dom.snap", 1, "C-SNAP");
        assertEquals(1, only(supervisor.take()).n(), "dropped frames took no room sequence number");
        Conn late = join(ADVISOR2);
        assertTrue(late.take().stream().noneMatch(f -> f.text().startsWith("A-")), "nor a place in the keyframe");
    }

    // ---- stage ----

    @Test
    void advisorTakingTheStageIsBroadcastNumberedAndTheNewSharerIsAskedForASnapshot() {
        Conn customer = join(CUSTOMER);
        Conn advisor = join(ADVISOR);
        Conn supervisor = join(SUPERVISOR);
        customer.reliable("dom.snap", 1, "C-SNAP");
        customer.reliable("dom.mut", 2, "C-MUT");
        customer.take();
        advisor.take();
        supervisor.take();

        advisor.send("{\"t\":\"sys.stage\",\"ts\":3}", "{\"mode\":\"advisor\"}");
        String stage = "{\"t\":\"sys.stage\",\"n\":3,\"from\":\"server\"}\n{\"mode\":\"advisor\",\"sharer\":\"adv-1\"}";
        assertEquals(stage, only(customer.take()).toString());
        assertEquals(stage, only(supervisor.take()).toString());
        List<Frame> a = advisor.take();
        assertEquals(List.of(stage, "{\"t\":\"sys.snapshot-request\"}\n{\"reason\":\"stage\"}"),
                a.stream().map(Frame::toString).toList());

        customer.reliable("dom.mut", 3, "C-LATE");
        assertEquals(List.of(), advisor.take(), "the old sharer's frames in flight are dropped");
        assertEquals(List.of(), supervisor.take());
        advisor.reliable("dom.snap", 1, "A-SNAP");
        assertEquals("{\"t\":\"dom.snap\",\"n\":4,\"from\":\"adv-1\"}\nA-SNAP", only(customer.take()).toString());

        Conn late = join(ADVISOR2);
        List<Frame> l = late.take();
        assertEquals(json("{\"mode\":\"advisor\",\"sharer\":\"adv-1\"}"), l.get(0).json().path("stage"));
        assertEquals(List.of("sys.welcome", "sys.reset", "dom.snap", "sys.presence"),
                l.stream().map(Frame::type).toList(), "the customer's page left the keyframe with the stage");
        assertEquals("A-SNAP", l.get(2).text());
        customer.take();

        advisor.send("{\"t\":\"sys.stage\"}", "{\"mode\":\"customer\"}");
        List<Frame> c = customer.take();
        assertEquals(
                "{\"t\":\"sys.stage\",\"n\":5,\"from\":\"server\"}\n{\"mode\":\"customer\",\"sharer\":\"customer\"}",
                c.get(0).toString());
        assertEquals("{\"t\":\"sys.snapshot-request\"}\n{\"reason\":\"stage\"}", c.get(1).toString());
        assertEquals(2, c.size());
    }

    @Test
    void stageChangeIsReplayedOnResume() {
        Conn customer = join(CUSTOMER);
        Conn advisor = join(ADVISOR);
        customer.reliable("dom.snap", 1, "S");
        customer.closed();
        advisor.send("{\"t\":\"sys.stage\"}", "{\"mode\":\"advisor\"}");
        Conn back = join(CUSTOMER, "e1", 1);
        List<Frame> frames = back.take();
        assertTrue(frames.stream().anyMatch(f -> f.type().equals("sys.stage") && f.n() == 2), frames.toString());
    }

    @Test
    void stageModeMustBeCustomerOrAdvisor() {
        Conn customer = join(CUSTOMER);
        Conn advisor = join(ADVISOR);
        customer.take();
        for (String payload : List.of("{}", "{\"mode\":\"supervisor\"}", "{\"mode\":\"ADVISOR\"}", "[]", "x",
                "{\"mode\":\"advisor\",\"pad\":\"" + "x".repeat(300) + "\"}")) {
            assertThrows(BadFrameException.class, () -> advisor.send("{\"t\":\"sys.stage\"}", payload), payload);
        }
        assertEquals(List.of(), customer.take());
    }

    // ---- sequence numbers, acks, pings ----

    @Test
    void dropsResentFramesWithinAnEpochAndStartsAgainOnANewOne() {
        Conn customer = join(CUSTOMER);
        Conn advisor = join(ADVISOR);
        advisor.take();
        customer.reliable("dom.snap", 1, "S1");
        customer.reliable("dom.mut", 2, "M2");
        customer.reliable("dom.mut", 2, "M2-again");
        customer.reliable("dom.mut", 1, "S1-again");
        customer.reliable("dom.mut", 3, "M3");
        assertEquals(List.of("S1", "M2", "M3"), advisor.take().stream().map(Frame::text).toList());

        customer.closed();
        Conn back = join(CUSTOMER, "e1", 0);
        assertEquals(3, back.take().get(0).json().path("acked").asLong(), "same epoch: the server has up to 3");
        back.reliable("dom.mut", 3, "M3-again");
        back.reliable("dom.mut", 4, "M4");
        assertEquals(List.of("M4"), advisor.take().stream().filter(f -> f.type().startsWith("dom."))
                .map(Frame::text).toList());

        back.closed();
        Conn reloaded = join(CUSTOMER, "e2", 0);
        assertEquals(0, reloaded.take().get(0).json().path("acked").asLong(), "a new page load starts again");
        reloaded.reliable("dom.snap", 1, "E2-S1");
        List<Frame> relayed = advisor.take().stream().filter(f -> f.type().startsWith("dom.")).toList();
        assertEquals(List.of("E2-S1"), relayed.stream().map(Frame::text).toList());
        assertEquals(5, relayed.get(0).n());
    }

    @Test
    void acknowledgesEverySixteenReliableFramesNotCountingDuplicates() {
        Conn customer = join(CUSTOMER);
        customer.take();
        customer.reliable("dom.snap", 1, "S");
        for (int s = 2; s <= 15; s++) {
            customer.reliable("dom.mut", s, "M");
        }
        customer.reliable("dom.mut", 10, "dup");
        customer.send("{\"t\":\"dom.scroll\",\"k\":\"page\"}", "Y");
        assertEquals(List.of(), customer.take());
        customer.reliable("dom.mut", 16, "M");
        assertEquals("{\"t\":\"sys.ack\"}\n{\"s\":16}", only(customer.take()).toString());
        for (int s = 17; s <= 31; s++) {
            customer.reliable("dom.mut", s, "M");
        }
        assertEquals(List.of(), customer.take());
        customer.reliable("dom.mut", 32, "M");
        assertEquals("{\"t\":\"sys.ack\"}\n{\"s\":32}", only(customer.take()).toString());
    }

    @Test
    void pingIsAnsweredWithItsPayloadBytesAndAnAck() {
        Conn customer = join(CUSTOMER);
        Conn advisor = join(ADVISOR);
        customer.reliable("dom.snap", 1, "S");
        customer.reliable("dom.mut", 5, "M");
        customer.take();
        advisor.take();
        byte[] payload = {'{', '"', 'c', '"', ':', '1', '}', '\n', (byte) 0xFE, 0};
        customer.send("{\"t\":\"sys.ping\",\"ts\":99}", payload);
        List<Frame> frames = customer.take();
        assertEquals(2, frames.size());
        ByteArrayOutputStream pong = new ByteArrayOutputStream();
        pong.writeBytes("{\"t\":\"sys.pong\"}\n".getBytes(StandardCharsets.US_ASCII));
        pong.writeBytes(payload);
        assertArrayEquals(pong.toByteArray(), frames.get(0).raw().getBytes());
        assertEquals("{\"t\":\"sys.ack\"}\n{\"s\":5}", frames.get(1).toString());
        assertEquals(List.of(), advisor.take());

        advisor.send("{\"t\":\"sys.ping\"}", "");
        assertEquals(List.of("{\"t\":\"sys.pong\"}\n", "{\"t\":\"sys.ack\"}\n{\"s\":0}"),
                advisor.take().stream().map(Frame::toString).toList());
    }

    @Test
    void measuredRoundTripIsPublishedInPresenceWhenItChangesByMoreThanAFifth() {
        Conn customer = join(CUSTOMER);
        Conn advisor = join(ADVISOR);
        customer.take();
        advisor.take();
        customer.send("{\"t\":\"sys.ping\",\"r\":40}", "");
        assertEquals(List.of("sys.pong", "sys.presence", "sys.ack"), customer.types());
        Frame p = only(advisor.take());
        assertEquals(json("{\"participants\":[{\"id\":\"customer\",\"role\":\"customer\",\"name\":\"Carla\","
                + "\"state\":\"connected\",\"rtt\":40}," + member(ADVISOR, "connected") + "]}"), p.json());
        customer.send("{\"t\":\"sys.ping\",\"r\":45}", "");
        assertEquals(List.of("sys.pong", "sys.ack"), customer.types());
        assertEquals(List.of(), advisor.take());
        customer.send("{\"t\":\"sys.ping\",\"r\":60}", "");
        assertEquals(60, only(advisor.take()).json().path("participants").get(0).path("rtt").asLong());
    }

    // ---- resume ----

    @Test
    void viewerResumingWithinTheLogGetsExactlyTheFramesItMissed() {
        Conn customer = join(CUSTOMER);
        Conn advisor = join(ADVISOR);
        customer.reliable("dom.snap", 1, "S1");
        for (int s = 2; s <= 5; s++) {
            customer.reliable("dom.mut", s, "M" + s);
        }
        advisor.closed();
        customer.reliable("dom.mut", 6, "M6");
        customer.reliable("dom.mut", 7, "M7");
        customer.take();
        Conn back = join(ADVISOR, "e9", 5);
        List<Frame> frames = back.take();
        assertEquals(List.of("sys.welcome", "dom.mut", "dom.mut", "sys.presence"),
                frames.stream().map(Frame::type).toList());
        assertEquals(7, frames.get(0).json().path("lastN").asLong());
        assertEquals("{\"t\":\"dom.mut\",\"n\":6,\"from\":\"customer\"}\nM6", frames.get(1).toString());
        assertEquals("{\"t\":\"dom.mut\",\"n\":7,\"from\":\"customer\"}\nM7", frames.get(2).toString());
        assertEquals(List.of("sys.presence"), customer.types(), "no snapshot is asked for");
    }

    @Test
    void viewerResumingAtTheLatestFrameGetsNothingMore() {
        Conn customer = join(CUSTOMER);
        Conn advisor = join(ADVISOR);
        customer.reliable("dom.snap", 1, "S1");
        advisor.closed();
        assertEquals(List.of("sys.welcome", "sys.presence"), join(ADVISOR, "e1", 1).types());
    }

    @Test
    void viewerResumingFromBeforeTheLogIsResetAndRebuiltFromTheKeyframe() {
        Conn customer = join(CUSTOMER);
        Conn advisor = join(ADVISOR);
        customer.reliable("dom.snap", 1, "S1");
        advisor.closed();
        for (int s = 2; s <= 6; s++) {
            customer.reliable("dom.mut", s, pad("M" + s, 1500));
        }
        List<Frame> frames = join(ADVISOR, "e1", 1).take();
        assertEquals(List.of("sys.welcome", "sys.reset", "dom.snap", "dom.mut", "dom.mut", "dom.mut", "dom.mut",
                "dom.mut", "sys.presence"), frames.stream().map(Frame::type).toList());
        assertEquals("{\"t\":\"sys.reset\"}\n{\"n\":6}", frames.get(1).toString());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), frames.subList(2, 8).stream().map(Frame::n).toList());
    }

    @Test
    void viewerResumingFromANumberThisRoomNeverReachedIsResetAndRebuilt() {
        // e.g. reconnecting to another node, or after the room was dropped: its n counts in another room
        Conn customer = join(CUSTOMER);
        customer.reliable("dom.snap", 1, "S1");
        customer.reliable("dom.mut", 2, "M2");
        List<Frame> frames = join(ADVISOR, "e1", 50).take();
        assertEquals(List.of("sys.welcome", "sys.reset", "dom.snap", "dom.mut", "sys.presence"),
                frames.stream().map(Frame::type).toList());
        assertEquals("{\"t\":\"sys.reset\"}\n{\"n\":2}", frames.get(1).toString());
    }

    @Test
    void viewerResumingWithinTheLogAlsoGetsTheCurrentLatestWinsValues() {
        Conn customer = join(CUSTOMER);
        Conn advisor = join(ADVISOR);
        customer.reliable("dom.snap", 1, "S1");
        customer.send("{\"t\":\"dom.scroll\",\"k\":\"page\"}", "{\"y\":100}");
        advisor.closed();
        customer.send("{\"t\":\"dom.scroll\",\"k\":\"page\"}", "{\"y\":500}");
        customer.send("{\"t\":\"dom.viewport\"}", "{\"width\":800}");
        customer.send("{\"t\":\"ptr.move\"}", "{\"x\":7}");
        List<Frame> frames = join(ADVISOR, "e1", 1).take();
        assertTrue(frames.stream().anyMatch(f -> f.type().equals("ptr.move") && f.text().equals("{\"x\":7}")),
                frames.toString());
        assertTrue(frames.stream().anyMatch(f -> f.type().equals("dom.scroll") && f.text().equals("{\"y\":500}")),
                "the page was scrolled while the viewer was away: " + frames);
        assertTrue(frames.stream().anyMatch(f -> f.type().equals("dom.viewport")), frames.toString());
    }

    // ---- replaced connections ----

    @Test
    void sameParticipantConnectingAgainReplacesTheOlderConnection() {
        Conn customer = join(CUSTOMER);
        Conn first = join(ADVISOR);
        customer.take();
        Conn second = join(ADVISOR);
        assertEquals(List.of(CloseCode.REPLACED), first.peer.closes);
        assertTrue(second.peer.closes.isEmpty());
        assertEquals(2, room.connections());
        assertEquals("sys.welcome", second.take().get(0).type());
        customer.take();

        first.closed();
        assertEquals(2, room.connections());
        assertEquals(List.of(), customer.take(), "the old connection's close changes nothing");
        customer.reliable("dom.snap", 1, "S");
        assertEquals("S", only(second.take()).text());
        first.take();
        customer.reliable("dom.mut", 2, "M");
        assertEquals(List.of(), first.take());
        assertEquals("M", only(second.take()).text());

        clock.advance(Duration.ofSeconds(31));
        customer.send("{\"t\":\"sys.ping\"}", "");
        second.send("{\"t\":\"sys.ping\"}", "");
        room.tick();
        assertTrue(second.peer.closes.isEmpty());
    }

    @Test
    void replacedConnectionCatchingUpLaterDoesNotResetItsSuccessor() {
        room = new Room(SESSION, new RoomLimits(1000, Duration.ofSeconds(20), 100_000, 100_000,
                Duration.ofSeconds(30), Duration.ofSeconds(30)), clock);
        Conn customer = join(CUSTOMER);
        Conn stuck = joinHolding(ADVISOR);
        customer.reliable("dom.snap", 1, pad("S", 600));
        customer.reliable("dom.mut", 2, pad("M", 600));
        Conn fresh = join(ADVISOR, "e1", 2);
        assertEquals(List.of("sys.welcome", "sys.presence"), fresh.types());
        stuck.peer.completeAllWrites();
        assertEquals(List.of(), fresh.types(), "the old connection's outbox is not the member's any more");
    }

    // ---- housekeeping ----

    @Test
    void silentConnectionIsClosedWith4408AfterTheIdleTimeoutAndLeavesTheRoom() {
        Conn customer = join(CUSTOMER);
        Conn advisor = join(ADVISOR);
        clock.advance(Duration.ofSeconds(20));
        customer.send("{\"t\":\"sys.ping\"}", "");
        clock.advance(Duration.ofSeconds(10));
        customer.take();
        room.tick();
        assertTrue(advisor.peer.closes.isEmpty(), "exactly the idle timeout is not yet too long");
        clock.advance(Duration.ofMillis(1));
        room.tick();
        assertEquals(List.of(CloseCode.IDLE_TIMEOUT), advisor.peer.closes);
        assertTrue(customer.peer.closes.isEmpty());
        assertEquals(1, room.connections());
        assertPresence(only(customer.take()), member(CUSTOMER, "connected"), member(ADVISOR, "reconnecting"));
        advisor.closed();
        assertEquals(List.of(), customer.take());
        customer.reliable("dom.snap", 1, "S");
        assertTrue(advisor.take().stream().noneMatch(f -> f.type().equals("dom.snap")));
    }

    @Test
    void anyFrameKeepsAConnectionAlive() {
        Conn customer = join(CUSTOMER);
        clock.advance(Duration.ofSeconds(29));
        customer.send("{\"t\":\"ptr.move\"}", "");
        clock.advance(Duration.ofSeconds(29));
        room.tick();
        assertTrue(customer.peer.closes.isEmpty());
    }

    @Test
    void recipientSlowForLongerThanTheGraceIsClosedWith4503AndLeavesTheRoom() {
        room = new Room(SESSION, new RoomLimits(1000, Duration.ofSeconds(20), 100_000, 100_000,
                Duration.ofSeconds(30), Duration.ofSeconds(30)), clock);
        Conn customer = join(CUSTOMER);
        Conn advisor = joinHolding(ADVISOR);
        clock.advance(Duration.ofSeconds(1));
        customer.reliable("dom.snap", 1, pad("S", 1200));
        clock.advance(Duration.ofSeconds(20));
        customer.send("{\"t\":\"sys.ping\"}", "");
        room.tick();
        assertTrue(advisor.peer.closes.isEmpty(), "slow for exactly the grace");
        customer.take();
        clock.advance(Duration.ofMillis(1));
        room.tick();
        assertEquals(List.of(CloseCode.SLOW_CONSUMER), advisor.peer.closes);
        assertEquals(1, room.connections());
        assertPresence(only(customer.take()), member(CUSTOMER, "connected"), member(ADVISOR, "reconnecting"));
    }

    @Test
    void recipientThatCatchesUpInTimeStays() {
        room = new Room(SESSION, new RoomLimits(1000, Duration.ofSeconds(20), 100_000, 100_000,
                Duration.ofSeconds(30), Duration.ofSeconds(30)), clock);
        Conn customer = join(CUSTOMER);
        Conn advisor = joinHolding(ADVISOR);
        customer.reliable("dom.snap", 1, pad("S", 1200));
        clock.advance(Duration.ofSeconds(19));
        advisor.peer.completeAllWrites();
        advisor.send("{\"t\":\"sys.ping\"}", "");
        customer.send("{\"t\":\"sys.ping\"}", "");
        advisor.peer.completeAllWrites();
        clock.advance(Duration.ofSeconds(5));
        room.tick();
        assertTrue(advisor.peer.closes.isEmpty());
        assertEquals(2, room.connections());
    }

    @Test
    void outOfSyncViewerIsRebuiltFromTheKeyframeOnceItHasDrained() {
        room = new Room(SESSION, new RoomLimits(1000, Duration.ofSeconds(20), 100_000, 100_000,
                Duration.ofSeconds(30), Duration.ofSeconds(30)), clock);
        Conn customer = join(CUSTOMER);
        Conn advisor = joinHolding(ADVISOR);
        customer.reliable("dom.snap", 1, pad("S", 300));
        customer.reliable("dom.mut", 2, pad("M2", 300));
        customer.reliable("dom.mut", 3, pad("M3", 300));
        customer.reliable("dom.mut", 4, pad("M4", 300));
        List<String> before = advisor.types();
        assertEquals(List.of("sys.welcome", "sys.reset", "sys.presence"), before.subList(0, 3));
        assertTrue(before.size() < 7, "the reliable frames stopped at the outbound bound: " + before);
        advisor.peer.completeAllWrites();
        List<Frame> after = advisor.take();
        assertEquals(List.of("sys.reset", "dom.snap", "dom.mut", "dom.mut", "dom.mut"),
                after.stream().map(Frame::type).toList());
        assertEquals("{\"t\":\"sys.reset\"}\n{\"n\":4}", after.get(0).toString());
        assertEquals(List.of(1L, 2L, 3L, 4L), after.subList(1, 5).stream().map(Frame::n).toList());
        customer.reliable("dom.mut", 5, "M5");
        assertEquals(5, only(advisor.take()).n(), "in sync again");
    }

    @Test
    void participantGoneLongerThanTheReconnectGraceHasLeft() {
        Conn customer = join(CUSTOMER);
        Conn advisor = join(ADVISOR);
        customer.reliable("dom.snap", 1, "S");
        advisor.send("{\"t\":\"ptr.move\"}", "AP");
        clock.advance(Duration.ofSeconds(5));
        advisor.closed();
        assertPresence(last(customer.take()), member(CUSTOMER, "connected"), member(ADVISOR, "reconnecting"));
        clock.advance(Duration.ofSeconds(20));
        customer.send("{\"t\":\"sys.ping\"}", "");
        clock.advance(Duration.ofSeconds(10));
        customer.take();
        room.tick();
        assertEquals(List.of(), customer.take(), "exactly the grace: still reconnecting");
        clock.advance(Duration.ofMillis(1));
        room.tick();
        assertPresence(only(customer.take()), member(CUSTOMER, "connected"), member(ADVISOR, "left"));
        room.tick();
        assertEquals(List.of(), customer.take());
        assertFalse(room.isAbandoned());
        Conn late = join(ADVISOR2);
        assertTrue(late.take().stream().noneMatch(f -> f.type().equals("ptr.move")), "a leaver's pointer is gone");

        Conn back = join(ADVISOR);
        assertPresence(last(back.take()), member(CUSTOMER, "connected"), member(ADVISOR, "connected"),
                member(ADVISOR2, "connected"));
    }

    @Test
    void roomIsAbandonedOnceEveryoneHasLeft() {
        Conn customer = join(CUSTOMER);
        assertFalse(room.isAbandoned());
        customer.closed();
        assertFalse(room.isAbandoned(), "reconnecting is not gone");
        clock.advance(Duration.ofSeconds(31));
        room.tick();
        assertTrue(room.isAbandoned());
    }

    @Test
    void endTellsEveryoneThenClosesWith4409AndRefusesLaterFrames() {
        Conn customer = join(CUSTOMER);
        Conn advisor = join(ADVISOR);
        Conn supervisor = join(SUPERVISOR);
        room.end("expired");
        for (Conn c : List.of(customer, advisor, supervisor)) {
            assertEquals("{\"t\":\"sys.end\"}\n{\"reason\":\"expired\"}", last(c.take()).toString());
            assertEquals(List.of(CloseCode.SESSION_ENDED), c.peer.closes);
        }
        assertEquals(0, room.connections());
        assertTrue(room.isAbandoned());

        customer.reliable("dom.snap", 1, "S");
        assertEquals(List.of(CloseCode.SESSION_ENDED, CloseCode.SESSION_ENDED), customer.peer.closes);
        Conn late = join(ADVISOR2);
        assertEquals(List.of(CloseCode.SESSION_ENDED), late.peer.closes);
        assertEquals(List.of(), late.take());
        assertEquals(List.of(), advisor.take());
        advisor.closed();
        room.tick();
        assertEquals(0, room.connections());
        assertEquals(List.of(), customer.take());
    }

    @Test
    void goingAwayTellsEveryoneToReconnectThenClosesWith1001() {
        Conn customer = join(CUSTOMER);
        Conn advisor = join(ADVISOR);
        room.goingAway();
        for (Conn c : List.of(customer, advisor)) {
            assertEquals("{\"t\":\"sys.reconnect\"}\n{}", last(c.take()).toString());
            assertEquals(List.of(CloseCode.GOING_AWAY), c.peer.closes);
        }
        assertEquals(0, room.connections());
    }

    // ---- presence ----

    @Test
    void customerPresenceNeverListsSupervisorsButStaffPresenceDoes() {
        Conn customer = join(CUSTOMER);
        Conn advisor = join(ADVISOR);
        customer.reliable("dom.snap", 1, "S");
        customer.take();
        advisor.take();
        Conn supervisor = join(SUPERVISOR);
        List<Frame> s = supervisor.take();
        assertEquals(json("[" + member(CUSTOMER, "connected") + "," + member(ADVISOR, "connected") + ","
                + member(SUPERVISOR, "connected") + "]"), s.get(0).json().path("participants"));
        assertPresence(only(advisor.take()), member(CUSTOMER, "connected"), member(ADVISOR, "connected"),
                member(SUPERVISOR, "connected"));
        for (Frame f : customer.take()) {
            assertFalse(f.text().contains("sup-1"), f.toString());
        }
        customer.closed();
        Conn back = join(CUSTOMER, "e1", 1);
        List<Frame> c = back.take();
        assertEquals(json("[" + member(CUSTOMER, "connected") + "," + member(ADVISOR, "connected") + "]"),
                c.get(0).json().path("participants"));
        assertPresence(last(c), member(CUSTOMER, "connected"), member(ADVISOR, "connected"));
    }

    @Test
    void aCustomerWhoPressedStopHasLeftAtOnceWithReasonStoppedAndComesBackWithoutIt() {
        Conn customer = join(CUSTOMER);
        Conn advisor = join(ADVISOR);
        customer.reliable("dom.snap", 1, "S");
        advisor.take();
        room.closed(customer.peer, CloseCode.STOPPED_CODE);
        String stopped = member(CUSTOMER, "left").replace("}", ",\"reason\":\"stopped\"}");
        assertPresence(only(advisor.take()), stopped, member(ADVISOR, "connected"));

        // an ordinary close (a page going away) is "reconnecting", without a reason
        Conn back = join(CUSTOMER, "e2", 0);
        advisor.take();
        room.closed(back.peer, 1001);
        assertPresence(only(advisor.take()), member(CUSTOMER, "reconnecting"), member(ADVISOR, "connected"));

        // the stop code means nothing from staff: an advisor closing with it is reconnecting too
        room.closed(advisor.peer, CloseCode.STOPPED_CODE);
        Conn other = join(SUPERVISOR);
        assertTrue(other.take().get(0).json().path("participants").toString().contains(
                "\"id\":\"" + ADVISOR.id() + "\",\"role\":\"advisor\",\"name\":\"" + ADVISOR.name()
                        + "\",\"state\":\"reconnecting\"}"),
                "the advisor is reconnecting, not stopped");
    }

    @Test
    void customerCannotTellThatASupervisorJoinedPingedOrLeft() {
        Conn customer = join(CUSTOMER);
        Conn advisor = join(ADVISOR);
        customer.reliable("dom.snap", 1, "S");
        customer.take();
        advisor.take();
        List<Frame> toCustomer = new ArrayList<>();
        Conn supervisor = join(SUPERVISOR);
        toCustomer.addAll(customer.take());
        assertTrue(advisor.take().stream().anyMatch(f -> f.text().contains("sup-1")), "staff do see the join");
        supervisor.send("{\"t\":\"sys.ping\",\"r\":80}", "");
        toCustomer.addAll(customer.take());
        supervisor.closed();
        toCustomer.addAll(customer.take());
        clock.advance(Duration.ofSeconds(31));
        customer.send("{\"t\":\"sys.ping\"}", "");
        advisor.send("{\"t\":\"sys.ping\"}", "");
        room.tick();
        toCustomer.addAll(customer.take());
        assertEquals(List.of("sys.pong", "sys.ack"), toCustomer.stream().map(Frame::type).toList(),
                "silent supervisors leave no trace towards the customer");
    }

    @Test
    void disconnectingMakesAParticipantReconnectingForEveryoneElse() {
        Conn customer = join(CUSTOMER);
        Conn advisor = join(ADVISOR);
        advisor.take();
        customer.closed();
        assertPresence(only(advisor.take()), member(CUSTOMER, "reconnecting"), member(ADVISOR, "connected"));
        assertEquals(1, room.connections());
        customer.closed();
        assertEquals(List.of(), advisor.take(), "a second close of the same connection is ignored");
    }

    @Test
    void someoneInTheCallIsShownInPresenceUntilTheyLeaveItOrTheirConnectionGoes() {
        Conn customer = join(CUSTOMER);
        Conn advisor = join(ADVISOR);
        Conn colleague = join(ADVISOR2);
        customer.take();
        advisor.take();
        colleague.take();
        String inCall = member(CUSTOMER, "connected").replace("}", ",\"call\":true}");
        customer.send("{\"t\":\"sys.in-call\"}", "{\"inCall\":true}");
        assertPresence(only(colleague.take()), inCall, member(ADVISOR, "connected"), member(ADVISOR2, "connected"));
        customer.send("{\"t\":\"sys.in-call\"}", "{\"inCall\":true}");
        assertEquals(List.of(), colleague.take(), "said twice, told once");
        customer.send("{\"t\":\"sys.in-call\"}", "{\"inCall\":false}");
        assertPresence(only(colleague.take()), member(CUSTOMER, "connected"), member(ADVISOR, "connected"),
                member(ADVISOR2, "connected"));

        // a connection that goes takes its call with it: the next one is out of the call until it says otherwise
        customer.send("{\"t\":\"sys.in-call\"}", "{\"inCall\":true}");
        colleague.take();
        customer.closed();
        assertPresence(only(colleague.take()), member(CUSTOMER, "reconnecting"), member(ADVISOR, "connected"),
                member(ADVISOR2, "connected"));
        Conn again = join(CUSTOMER);
        assertPresence(last(colleague.take()), member(CUSTOMER, "connected"), member(ADVISOR, "connected"),
                member(ADVISOR2, "connected"));
        again.take();

        assertThrows(BadFrameException.class, () -> advisor.send("{\"t\":\"sys.in-call\"}", "{\"inCall\":\"yes\"}"));
        Conn supervisor = join(SUPERVISOR);
        supervisor.send("{\"t\":\"sys.in-call\"}", "{\"inCall\":true}");
        assertEquals(List.of(CloseCode.FORBIDDEN), supervisor.peer.closes, "a silent supervisor is in no call");
    }

    // ---- keyframe bound ----

    @Test
    void sharerIsAskedForASnapshotOnceWhenIncrementalsPassTheBudget() {
        room = new Room(SESSION, new RoomLimits(100_000, Duration.ofSeconds(20), 1000, 100_000,
                Duration.ofSeconds(30), Duration.ofSeconds(30)), clock);
        Conn customer = join(CUSTOMER);
        Conn advisor = join(ADVISOR);
        customer.reliable("dom.snap", 1, "S");
        customer.take();
        customer.reliable("dom.mut", 2, pad("M", 400));
        customer.reliable("dom.mut", 3, pad("M", 400));
        assertEquals(List.of(), customer.take());
        customer.reliable("dom.mut", 4, pad("M", 400));
        assertEquals("{\"t\":\"sys.snapshot-request\"}\n{\"reason\":\"keyframe-bound\"}",
                only(customer.take()).toString());
        customer.reliable("dom.mut", 5, pad("M", 400));
        assertEquals(List.of(), customer.take());
        assertEquals(4, advisor.take().stream().filter(f -> f.type().equals("dom.mut")).count(),
                "viewers get every frame whatever the keyframe keeps");
        customer.reliable("dom.mut", 6, pad("M", 400));
        assertEquals(0, room.stats().keyframeBytes(), "past twice the budget the keyframe waits for a snapshot");
        customer.reliable("dom.snap", 7, "S2");
        assertNotEquals(0, room.stats().keyframeBytes());
    }

    @Test
    void statsReportConnectionsKeyframeLogAndLargestOutbox() {
        room = new Room(SESSION, new RoomLimits(100_000, Duration.ofSeconds(20), 100_000, 100_000,
                Duration.ofSeconds(30), Duration.ofSeconds(30)), clock);
        Conn customer = join(CUSTOMER);
        Conn advisor = joinHolding(ADVISOR);
        long welcomeBytes = advisor.peer.bytesSent();
        customer.reliable("dom.snap", 1, "S");
        customer.send("{\"t\":\"dom.scroll\",\"k\":\"page\"}", "Y");
        long snap = "{\"t\":\"dom.snap\",\"n\":1,\"from\":\"customer\"}\nS".length();
        long scroll = "{\"t\":\"dom.scroll\",\"from\":\"customer\",\"k\":\"page\"}\nY".length();
        RoomStats stats = room.stats();
        assertEquals(2, stats.connections());
        assertEquals(snap + scroll, stats.keyframeBytes());
        assertEquals(snap, stats.replayLogBytes());
        assertEquals(welcomeBytes + snap + scroll, stats.largestOutboxBytes());
    }

    // ---- activity ----

    @Test
    void activeTimeCountsOnlyWhileCustomerAndAdvisorAreBothConnected() {
        Conn customer = join(CUSTOMER);
        Conn supervisor = join(SUPERVISOR);
        clock.advance(Duration.ofSeconds(10));
        Conn advisor = join(ADVISOR);
        clock.advance(Duration.ofMillis(25_500));
        // the advisor's own time too (the touchpoint lists every advisor's); silent supervisors have none
        assertEquals(new RoomActivity(SESSION, 0, 25, 0, 0, 0, 0, java.util.Map.of(ADVISOR.id(), 25L)), room
                .takeActivity());
        clock.advance(Duration.ofMillis(500));
        assertEquals(new RoomActivity(SESSION, 0, 1, 0, 0, 0, 0, java.util.Map.of(ADVISOR.id(), 1L)), room
                .takeActivity(), "the half second left is carried");
        assertEquals(new RoomActivity(SESSION, 0, 0), room.takeActivity());

        clock.advance(Duration.ofSeconds(4));
        advisor.closed();
        clock.advance(Duration.ofSeconds(100));
        assertEquals(4, room.takeActivity().activeSeconds(), "the clock stops when the advisor drops");
        Conn advisor2 = join(ADVISOR2);
        clock.advance(Duration.ofSeconds(3));
        customer.closed();
        clock.advance(Duration.ofSeconds(50));
        RoomActivity last = room.takeActivity();
        assertEquals(3, last.activeSeconds(), "any advisor counts; the customer must be there");
        assertEquals(java.util.Map.of(ADVISOR2.id(), 53L), last.advisorSeconds(),
                "an advisor's own time runs while they are connected, customer or not");
        assertEquals(0, room.takeActivity().activeSeconds());
        supervisor.closed();
        advisor2.closed();
    }

    @Test
    void activeTimeStopsWhenTheSessionEnds() {
        join(CUSTOMER);
        join(ADVISOR);
        clock.advance(Duration.ofSeconds(7));
        room.end("ended");
        clock.advance(Duration.ofSeconds(60));
        assertEquals(7, room.takeActivity().activeSeconds());
    }

    @Test
    void pagesCountOnlyNewPageLoadsOfTheSharerOnceEach() {
        Conn customer = join(CUSTOMER);
        Conn advisor = join(ADVISOR);
        customer.reliable("dom.snap", 1, "S");
        customer.send("{\"t\":\"dom.nav\",\"s\":2,\"k\":\"load\"}", "{\"url\":\"/a\"}");
        customer.send("{\"t\":\"dom.nav\",\"s\":3,\"k\":\"title\"}", "{\"title\":\"A\"}");
        customer.send("{\"t\":\"dom.nav\",\"s\":4}", "{\"url\":\"/a#x\"}");
        customer.send("{\"t\":\"dom.nav\",\"s\":2,\"k\":\"load\"}", "{\"url\":\"/a\"}");
        customer.send("{\"t\":\"dom.nav\",\"s\":5,\"k\":\"load\"}", "{\"url\":\"/b\"}");
        advisor.send("{\"t\":\"dom.nav\",\"s\":1,\"k\":\"load\"}", "{\"url\":\"/not-sharing\"}");
        assertEquals(new RoomActivity(SESSION, 2, 0), room.takeActivity());
        assertEquals(new RoomActivity(SESSION, 0, 0), room.takeActivity(), "counters reset once taken");
        customer.send("{\"t\":\"dom.nav\",\"s\":6,\"k\":\"load\"}", "{\"url\":\"/c\"}");
        assertEquals(1, room.takeActivity().pagesVisited());
    }

    // ------------------------------------------------------------------------------------------- annotations

    private static List<String> texts(List<Frame> frames, String prefix) {
        return frames.stream().filter(f -> f.type().startsWith(prefix)).map(f -> f.type() + " " + f.text()).toList();
    }

    @Test
    void annotationsReachTheOtherSideInOrderAndAreReplayedToALateJoinerAfterTheKeyframe() {
        Conn customer = join(CUSTOMER);
        customer.reliable("dom.snap", 1, "{\"page\":1}");
        Conn advisor = join(ADVISOR);
        advisor.take();
        customer.take();
        advisor.reliable("ann.begin", 1, "{\"id\":\"a-1\"}");
        advisor.reliable("ann.points", 2, "{\"id\":\"a-1\",\"p\":1}");
        advisor.reliable("ann.points", 3, "{\"id\":\"a-1\",\"p\":2}");
        advisor.reliable("ann.end", 4, "{\"id\":\"a-1\"}");
        customer.reliable("ann.begin", 2, "{\"id\":\"c-1\"}");
        assertEquals(List.of("ann.begin {\"id\":\"a-1\"}", "ann.points {\"id\":\"a-1\",\"p\":1}",
                "ann.points {\"id\":\"a-1\",\"p\":2}", "ann.end {\"id\":\"a-1\"}"), texts(customer.take(), "ann."));
        // a fresh snapshot does not wipe the drawings
        customer.reliable("dom.snap", 3, "{\"page\":2}");

        Conn late = join(SUPERVISOR);
        List<Frame> frames = late.take();
        List<String> types = frames.stream().map(Frame::type).toList();
        int snap = types.indexOf("dom.snap");
        int firstAnnotation = types.indexOf("ann.begin");
        assertTrue(snap >= 0 && firstAnnotation > snap, "keyframe first, then the annotations: " + types);
        assertEquals(List.of("ann.begin {\"id\":\"a-1\"}", "ann.points {\"id\":\"a-1\",\"p\":1}",
                "ann.points {\"id\":\"a-1\",\"p\":2}", "ann.end {\"id\":\"a-1\"}", "ann.begin {\"id\":\"c-1\"}"),
                texts(frames, "ann."));
    }

    @Test
    void theSharerReloadingGetsTheOthersDrawingsBack() {
        Conn customer = join(CUSTOMER);
        customer.reliable("dom.snap", 1, "{}");
        Conn advisor = join(ADVISOR);
        advisor.reliable("ann.begin", 1, "{\"id\":\"a-1\"}");
        customer.closed();
        Conn reloaded = join(CUSTOMER, "e2", 0);
        assertEquals(List.of("ann.begin {\"id\":\"a-1\"}"), texts(reloaded.take(), "ann."));
    }

    @Test
    void clearAllIsTheAdvisorsAndEmptiesTheLogAStageSwitchToo() {
        Conn customer = join(CUSTOMER);
        customer.reliable("dom.snap", 1, "{}");
        Conn advisor = join(ADVISOR);
        advisor.reliable("ann.begin", 1, "{\"id\":\"a-1\"}");
        customer.reliable("ann.begin", 2, "{\"id\":\"c-1\"}");
        customer.send("{\"t\":\"ann.clear-all\",\"s\":3}", "{}");
        assertEquals(List.of(CloseCode.FORBIDDEN), customer.peer.closes, "only advisors clear everyone's drawings");

        Conn customer2 = join(CUSTOMER, "e2", 0);
        advisor.reliable("ann.clear-all", 2, "{}");
        assertEquals(List.of("ann.clear-all {}"), texts(join(SUPERVISOR).take(), "ann."));
        advisor.reliable("ann.begin", 3, "{\"id\":\"a-2\"}");
        advisor.send("{\"t\":\"sys.stage\"}", "{\"mode\":\"advisor\"}");
        assertEquals(List.of(), texts(join(ADVISOR2).take(), "ann."), "a new stage starts without drawings");
        assertEquals(List.of(), customer2.peer.closes);
    }

    @Test
    void annotationLogIsBoundedInBytes() {
        RoomLimits small = new RoomLimits(100_000, Duration.ofSeconds(20), 100_000, 5_000, Duration.ofSeconds(30),
                Duration.ofSeconds(30), 2_000);
        room = new Room(SESSION, small, clock);
        Conn customer = join(CUSTOMER);
        customer.reliable("dom.snap", 1, "{}");
        Conn advisor = join(ADVISOR);
        for (int i = 1; i <= 200; i++) {
            advisor.reliable("ann.points", i, "{\"id\":\"a-1\",\"i\":" + i + "}");
        }
        assertTrue(room.stats().keyframeBytes() <= 100_000 + 2_000, "bounded: " + room.stats());
        List<String> replayed = texts(join(SUPERVISOR).take(), "ann.");
        assertTrue(replayed.size() < 200 && !replayed.isEmpty(), replayed.size() + " replayed");
        assertTrue(replayed.get(replayed.size() - 1).contains("\"i\":200"), "the newest are kept");
    }
}

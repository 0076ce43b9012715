package io.tandem.relay.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.relay.protocol.BadFrameException;
import io.tandem.relay.protocol.CloseCode;
import io.tandem.relay.protocol.FrameCodec;
import io.tandem.relay.protocol.Role;
import io.tandem.testing.FakePeer.Frame;
import io.tandem.testing.RoomHarness;
import io.tandem.testing.RoomHarness.Conn;
import io.tandem.testing.MutableClock;
import io.tandem.relay.listener.RoomActivity;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Remote control in a room: who may request, grant, revoke and act, and when a grant ends by itself. */
class RoomControlTest {

    private static final UUID SESSION = UUID.fromString("0b6c2a3e-0b4d-4e5f-8a9b-0c1d2e3f4a5c");
    private static final Participant CUSTOMER = new Participant(Participant.CUSTOMER_ID, Role.CUSTOMER, "Carla");
    private static final Participant ADVISOR = new Participant("adv-1", Role.ADVISOR, "Alex");
    private static final Participant STAGE = new Participant("stage:adv-1", Role.ADVISOR, "Alex");
    private static final Participant SUPERVISOR = new Participant("sup-1", Role.SUPERVISOR, "Sam");

    private MutableClock clock;
    private Room room;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2025-03-01T09:00:00Z"));
        room = new Room(SESSION, limits(true), clock);
    }

    private static RoomLimits limits(boolean remoteControl) {
        return new RoomLimits(100_000, Duration.ofSeconds(20), 100_000, 100_000, Duration.ofSeconds(30),
                Duration.ofSeconds(30), 100_000, remoteControl);
    }

    private final RoomHarness harness = new RoomHarness(() -> room);

    private Conn join(Participant who) {
        return harness.join(who);
    }

    private static JsonNode only(List<Frame> frames) {
        assertEquals(1, frames.size(), () -> "expected one frame, got " + frames);
        return frames.get(0).json();
    }

    private Conn[] customerStageWithAdvisor() {
        Conn customer = join(CUSTOMER);
        customer.reliable("dom.snap", "{}");
        Conn advisor = join(ADVISOR);
        customer.take();
        advisor.take();
        return new Conn[]{customer, advisor};
    }

    @Test
    void advisorAsksTheCustomerGrantsAndTheAdvisorsActionsReachTheCustomerInOrder() {
        Conn[] c = customerStageWithAdvisor();
        Conn customer = c[0];
        Conn advisor = c[1];
        advisor.reliable("ctl.request", "{\"scope\":\"page\"}");
        assertEquals("adv-1", customer.take("ctl.request").get(0).from());

        customer.reliable("ctl.grant", "{\"to\":\"adv-1\",\"scope\":\"page\"}");
        JsonNode granted = only(advisor.take("sys.control"));
        assertEquals("granted", granted.path("state").asText());
        assertEquals("adv-1", granted.path("to").asText());
        assertEquals("customer", granted.path("by").asText());
        assertEquals("page", granted.path("scope").asText());
        assertEquals("granted", only(customer.take("sys.control")).path("state").asText(), "the sharer hears it too");

        advisor.reliable("ctl.action", "{\"id\":\"a1\",\"kind\":\"click\",\"node\":12}");
        advisor.reliable("ctl.action", "{\"id\":\"a2\",\"kind\":\"type\",\"node\":13,\"text\":\"x\"}");
        List<Frame> actions = customer.take("ctl.action");
        assertEquals(List.of("a1", "a2"), actions.stream().map(f -> f.json().path("id").asText()).toList());
        assertTrue(actions.get(0).n() < actions.get(1).n(), "numbered in order, so logged for replay");

        customer.reliable("ctl.result", "{\"id\":\"a1\",\"ok\":true}");
        assertEquals("a1", only(advisor.take("ctl.result")).path("id").asText());
    }

    @Test
    void actionsWithoutAGrantAreConsumedAndAnsweredWithAnErrorWhileTheSessionGoesOn() {
        Conn[] c = customerStageWithAdvisor();
        Conn customer = c[0];
        Conn advisor = c[1];
        advisor.reliable("ctl.action", "{\"id\":\"a1\",\"kind\":\"click\",\"node\":12}");
        JsonNode error = only(advisor.take("sys.error"));
        assertEquals("control-not-granted", error.path("code").asText());
        assertEquals("ctl.action", error.path("type").asText());
        assertEquals(1, error.path("s").asLong());
        assertEquals(List.of(), customer.take("ctl.action"), "nothing reaches the customer");
        assertTrue(advisor.peer.closes.isEmpty(), "a refused action does not cost the connection");

        // after a revoke, the same
        customer.reliable("ctl.grant", "{\"to\":\"adv-1\"}");
        customer.reliable("ctl.revoke", "{}");
        JsonNode revoked = advisor.take("sys.control").get(1).json();
        assertEquals("none", revoked.path("state").asText());
        assertEquals("revoked", revoked.path("reason").asText());
        advisor.reliable("ctl.action", "{\"id\":\"a2\",\"kind\":\"click\",\"node\":12}");
        assertEquals("control-not-granted", only(advisor.take("sys.error")).path("code").asText());
        assertEquals(List.of(), customer.take("ctl.action"));
        // and other traffic still flows
        advisor.reliable("ann.begin", "{\"id\":\"s1\"}");
        assertEquals(1, customer.take("ann.begin").size());
    }

    @Test
    void onlyThePageOnTheStageGrantsAndTheAdvisorCannotGrantThemselves() {
        Conn[] c = customerStageWithAdvisor();
        Conn customer = c[0];
        Conn advisor = c[1];
        advisor.reliable("ctl.grant", "{\"to\":\"adv-1\"}");
        assertEquals("not-stage-owner", only(advisor.take("sys.error")).path("code").asText());
        assertEquals(List.of(), customer.take("sys.control"));
        advisor.reliable("ctl.deny", "{}");
        assertEquals("not-stage-owner", only(advisor.take("sys.error")).path("code").asText());
        // the customer cannot hand control to a silent supervisor, nor to itself, nor to a stranger
        Conn supervisor = join(SUPERVISOR);
        customer.take();
        for (String to : List.of("sup-1", "customer", "nobody")) {
            customer.reliable("ctl.grant", "{\"to\":\"" + to + "\"}");
            assertEquals("bad-grantee", only(customer.take("sys.error")).path("code").asText(), to);
        }
        assertEquals(List.of(), supervisor.take("sys.control"));
    }

    @Test
    void supervisorsAndCustomersCannotSendWhatTheirRoleNeverMay() {
        Conn[] c = customerStageWithAdvisor();
        Conn supervisor = join(SUPERVISOR);
        supervisor.reliable("ctl.request", "{}");
        assertEquals(List.of(CloseCode.FORBIDDEN), supervisor.peer.closes, "silent supervisors never take part");
        c[0].reliable("ann.clear-all", "{}");
        assertEquals(List.of(CloseCode.FORBIDDEN), c[0].peer.closes, "clear-all is the advisor's");
        assertTrue(c[1].peer.closes.isEmpty());
    }

    @Test
    void aPageGrantEndsWhenTheSharerNavigatesASessionGrantDoesNot() {
        Conn[] c = customerStageWithAdvisor();
        Conn customer = c[0];
        Conn advisor = c[1];
        customer.reliable("ctl.grant", "{\"to\":\"adv-1\",\"scope\":\"page\"}");
        advisor.take();
        customer.send("{\"t\":\"dom.nav\",\"s\":" + customer.nextSeq() + ",\"k\":\"title\"}", "{\"url\":\"/a\"}");
        assertEquals(List.of(), advisor.take("sys.control"), "a title change is not a new page");
        customer.send("{\"t\":\"dom.nav\",\"s\":" + customer.nextSeq() + ",\"k\":\"load\"}", "{\"url\":\"/b\"}");
        List<Frame> frames = advisor.take();
        List<String> types = frames.stream().map(Frame::type).toList();
        assertTrue(types.indexOf("dom.nav") < types.indexOf("sys.control"), "the page changes, then control ends");
        JsonNode ended = frames.get(types.indexOf("sys.control")).json();
        assertEquals("navigated", ended.path("reason").asText());

        customer.reliable("ctl.grant", "{\"to\":\"adv-1\",\"scope\":\"session\"}");
        customer.send("{\"t\":\"dom.nav\",\"s\":" + customer.nextSeq() + ",\"k\":\"load\"}", "{\"url\":\"/c\"}");
        advisor.take();
        advisor.reliable("ctl.action", "{\"id\":\"a1\"}");
        assertEquals(1, customer.take("ctl.action").size(), "a session grant outlives navigation");
    }

    @Test
    void theControllerMayReleaseAndAStageSwitchOrLeavingEndsControl() {
        Conn[] c = customerStageWithAdvisor();
        Conn customer = c[0];
        Conn advisor = c[1];
        customer.reliable("ctl.grant", "{\"to\":\"adv-1\",\"scope\":\"session\"}");
        advisor.reliable("ctl.revoke", "{}");
        assertEquals("released", customer.take("sys.control").get(1).json().path("reason").asText());

        customer.reliable("ctl.grant", "{\"to\":\"adv-1\",\"scope\":\"session\"}");
        customer.take();
        advisor.send("{\"t\":\"sys.stage\"}", "{\"mode\":\"advisor\",\"sharer\":\"stage:adv-1\"}");
        JsonNode ended = only(customer.take("sys.control"));
        assertEquals("stage", ended.path("reason").asText());

        // advisor-led: the advisor hands their own page to the customer, and takes it back when the customer leaves
        Conn stage = join(STAGE);
        advisor.reliable("ctl.grant", "{\"to\":\"customer\",\"scope\":\"page\"}");
        assertEquals("customer", only(stage.take("sys.control")).path("to").asText());
        customer.reliable("ctl.action", "{\"id\":\"c1\",\"kind\":\"click\",\"node\":4}");
        assertEquals(1, stage.take("ctl.action").size());
        customer.reliable("ctl.request", "{}");
        assertEquals(1, advisor.take("ctl.request").size(), "the customer may ask for the advisor's page");
        room.closed(customer.peer);
        clock.advance(Duration.ofSeconds(20));
        stage.send("{\"t\":\"sys.ping\"}", "{}");
        advisor.send("{\"t\":\"sys.ping\"}", "{}");
        clock.advance(Duration.ofSeconds(11));
        room.tick();
        assertEquals("left", only(stage.take("sys.control")).path("reason").asText());
    }

    @Test
    void aViewOnlySiteRefusesRequestsAndGrants() {
        room = new Room(SESSION, limits(false), clock);
        Conn[] c = customerStageWithAdvisor();
        assertTrue(c[1].peer.take().isEmpty());
        c[1].reliable("ctl.request", "{}");
        assertEquals("view-only", only(c[1].take("sys.error")).path("code").asText());
        assertEquals(List.of(), c[0].take("ctl.request"));
        c[0].reliable("ctl.grant", "{\"to\":\"adv-1\"}");
        assertEquals("view-only", only(c[0].take("sys.error")).path("code").asText());
        Conn late = join(new Participant("adv-2", Role.ADVISOR, "Bea"));
        JsonNode welcome = late.take("sys.welcome").get(0).json();
        assertEquals(false, welcome.path("remoteControl").asBoolean(true));
        assertEquals("none", welcome.path("control").path("state").asText());
    }

    @Test
    void annotationsVanishWhenTheSharerLoadsAnotherPageUnlessTheAdvisorKeepsThemPerPage() {
        Conn[] c = customerStageWithAdvisor();
        Conn customer = c[0];
        Conn advisor = c[1];
        advisor.reliable("ann.begin", "{\"id\":\"a1\",\"page\":\"/one\"}");
        customer.send("{\"t\":\"dom.nav\",\"s\":" + customer.nextSeq() + ",\"k\":\"load\"}", "{\"url\":\"/two\"}");
        assertEquals(List.of(), join(SUPERVISOR).take("ann.begin"), "gone with the page it was drawn on");

        advisor.reliable("ann.keep", "{\"keep\":true}");
        assertEquals(1, customer.take("ann.keep").size(), "everyone learns the choice");
        advisor.reliable("ann.begin", "{\"id\":\"a2\",\"page\":\"/two\"}");
        customer.send("{\"t\":\"dom.nav\",\"s\":" + customer.nextSeq() + ",\"k\":\"load\"}", "{\"url\":\"/three\"}");
        Conn late = join(new Participant("adv-2", Role.ADVISOR, "Bea"));
        List<Frame> frames = late.take();
        assertEquals(true, frames.get(0).json().path("keepAnnotations").asBoolean(), "the welcome says so");
        assertEquals(1, frames.stream().filter(f -> f.type().equals("ann.begin")).count(), "kept for page two");
        customer.reliable("ann.keep", "{\"keep\":false}");
        assertEquals(List.of(CloseCode.FORBIDDEN), customer.peer.closes, "the advisor's choice alone");
    }

    @Test
    void welcomeCarriesTheGrantAndResumingReplaysControlChangesInOrder() {
        Conn[] c = customerStageWithAdvisor();
        Conn customer = c[0];
        customer.reliable("ctl.grant", "{\"to\":\"adv-1\",\"scope\":\"session\"}");
        Conn reloaded = join(CUSTOMER); // the customer's next page on the site
        JsonNode welcome = reloaded.take("sys.welcome").get(0).json();
        assertEquals("granted", welcome.path("control").path("state").asText());
        assertEquals("adv-1", welcome.path("control").path("to").asText());
        assertEquals(true, welcome.path("remoteControl").asBoolean(false));
    }

    @Test
    void badGrantsAreBadFramesAndTouchpointCountersCountControl() {
        Conn[] c = customerStageWithAdvisor();
        assertThrows(BadFrameException.class, () -> c[0].reliable("ctl.grant", "{\"to\":\"adv-1\",\"scope\":\"x\"}"));
        assertThrows(BadFrameException.class, () -> c[0].reliable("ctl.grant", "not json"));
        c[1].reliable("ctl.request", "{}");
        c[0].reliable("ctl.grant", "{\"to\":\"adv-1\"}");
        c[1].reliable("ctl.action", "{}");
        c[1].reliable("ctl.action", "{}");
        c[1].reliable("ann.begin", "{}");
        c[1].reliable("ann.end", "{}");
        RoomActivity a = room.takeActivity();
        assertEquals(1, a.annotations());
        assertEquals(1, a.controlRequests());
        assertEquals(1, a.controlGrants());
        assertEquals(2, a.controlActions());
        assertEquals(0, room.takeActivity().controlActions(), "reset once taken");
    }
}

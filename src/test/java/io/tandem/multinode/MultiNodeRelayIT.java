package io.tandem.multinode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.tandem.multinode.NodeApi.Active;
import io.tandem.testing.RelayClient.Frame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two Tandem nodes (separate processes of the packaged app) share Redis, PostgreSQL and the OIDC provider with the relay
 * bridge on. A session's room lives on the node its first participant reached; participants on the other node are
 * attached through Redis and see the same ordered stream; when the room's node goes away (SIGTERM or kill -9) the
 * clients move to the other node, resume, and the advisor ends up showing the customer's current page. The last three
 * tests stop node a; each test starts whatever is not running first.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiNodeRelayIT {

    @RegisterExtension
    static final Cluster CLUSTER = new Cluster("a", "b");

    /** How long a move to the other node may take, the dead node's claim on the room included. */
    private static final Duration RECOVERY = Duration.ofSeconds(30);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);

    private static Node a() {
        return CLUSTER.node("a");
    }

    private static Node b() {
        return CLUSTER.node("b");
    }

    private static String advisorToken() {
        return CLUSTER.token("mn-advisor", "Multi Node Advisor", "advisor");
    }

    private static String supervisorToken() {
        return CLUSTER.token("mn-supervisor", "Multi Node Supervisor", "supervisor");
    }

    @Test
    @Order(1)
    void bothNodesAreReadyWithTheRelayBridgeUp() {
        for (Node node : List.of(a(), b())) {
            Response ready = NodeApi.health(node, "ready");
            assertEquals(200, ready.statusCode(), node + " readiness: " + ready.asString());
            Response well = NodeApi.health(node, "well");
            List<Map<String, Object>> checks = well.jsonPath().getList("checks");
            assertTrue(checks.stream().anyMatch(c -> "relay-bridge".equals(c.get("name")) && "UP".equals(c.get(
                    "status"))), node + " has no relay-bridge check that is UP in /q/health/well: " + checks);
        }
    }

    @Test
    @Order(2)
    void sessionsWorkOnEitherNodeWhenEveryoneIsOnIt() throws Exception {
        // made on a, joined through b: database, credential secret and staff tokens are shared
        Active onB = NodeApi.activeSession(a(), b(), advisorToken(), "Same Node Sabine");
        assertEquals("ACTIVE", NodeApi.session(a(), advisorToken(), onB.id()).getString("status"));
        sharerAndViewerOnOneNode(onB, b());
        Active onA = NodeApi.activeSession(b(), a(), advisorToken(), "Same Node Samuel");
        sharerAndViewerOnOneNode(onA, a());
    }

    private static void sharerAndViewerOnOneNode(Active s, Node node) {
        Page page = new Page();
        try (TabClient customer = TabClient.customer(s.id(), s.credential(), node.origin(), page);
                TabClient advisor = TabClient.staff("advisor", s.id(), advisorToken(), node.origin())) {
            customer.connect(node.base());
            customer.snapshot();
            advisor.connect(node.base());
            for (int i = 0; i < 5; i++) {
                customer.change();
            }
            awaitShows(advisor, page, TabClient.WAIT);
            int mark = customer.mark();
            advisor.sendReliable("ann.begin", annotation("same-1"));
            assertEquals(advisor.participantId(), customer.await(mark, "ann.begin").from());
        }
    }

    @Test
    @Order(3)
    void customerOnOneNodeAndAdvisorOnTheOtherSeeEachOtherInOrder() {
        Active s = NodeApi.activeSession(a(), a(), advisorToken(), "Cross Node Carla");
        Page page = new Page();
        try (TabClient customer = TabClient.customer(s.id(), s.credential(), a().origin(), page);
                TabClient advisor = TabClient.staff("advisor", s.id(), advisorToken(), a().origin())) {
            customer.connect(a().base());
            customer.snapshot();
            advisor.connect(b().base());
            for (int i = 0; i < 20; i++) {
                customer.change();
            }
            awaitShows(advisor, page, TabClient.WAIT);
            List<Frame> dom = advisor.received().stream().filter(f -> f.type().startsWith("dom.")).toList();
            assertTrue(dom.stream().allMatch(f -> f.from().equals("customer")), "dom frames from the customer only");
            assertRising(dom, "the advisor's dom frames");
            assertEquals(List.of(), Mirror.of(advisor.received()).problems(), "changes out of order");

            // the advisor draws and points on the customer's page
            String advisorId = advisor.participantId();
            int mark = customer.mark();
            advisor.sendReliable("ann.begin", annotation("x-1"));
            advisor.sendReliable("ann.points", "{\"id\":\"x-1\",\"points\":[[10,20],[30,40]]}");
            advisor.sendReliable("ann.end", "{\"id\":\"x-1\"}");
            advisor.sendLatest("ptr.move", null, "{\"x\":11,\"y\":22}");
            customer.awaitFrames(frames -> annotations(frames, mark).size() == 3, "three annotation frames",
                    TabClient.WAIT);
            List<Frame> drawn = annotations(customer.received(), mark);
            assertEquals(List.of("ann.begin", "ann.points", "ann.end"), drawn.stream().map(Frame::type).toList());
            assertEquals(List.of(annotation("x-1"), "{\"id\":\"x-1\",\"points\":[[10,20],[30,40]]}",
                    "{\"id\":\"x-1\"}"), drawn.stream().map(Frame::text).toList());
            assertTrue(drawn.stream().allMatch(f -> f.from().equals(advisorId)), "drawn by the advisor: " + drawn);
            assertRising(drawn, "the annotation frames");
            Frame pointer = customer.await(mark, f -> f.type().equals("ptr.move"), "the advisor's pointer",
                    TabClient.WAIT);
            assertEquals("{\"x\":11,\"y\":22}", pointer.text());
            assertEquals(advisorId, pointer.from());

            // remote control: request, grant, action, result
            int c = customer.mark();
            int v = advisor.mark();
            advisor.sendReliable("ctl.request", "{\"scope\":\"page\"}");
            assertEquals(advisorId, customer.await(c, "ctl.request").from());
            customer.sendReliable("ctl.grant", "{\"to\":\"" + advisorId + "\",\"scope\":\"page\"}");
            Predicate<Frame> granted = f -> f.type().equals("sys.control") && f.json().path("state").asText()
                    .equals("granted");
            assertEquals(advisorId, advisor.await(v, granted, "sys.control granted", TabClient.WAIT).json()
                    .path("to").asText());
            assertEquals(advisorId, customer.await(c, granted, "sys.control granted", TabClient.WAIT).json()
                    .path("to").asText());
            advisor.sendReliable("ctl.action", "{\"id\":\"act-1\",\"kind\":\"click\",\"node\":5}");
            Frame action = customer.await(c, "ctl.action");
            assertEquals("act-1", action.json().path("id").asText());
            assertEquals(advisorId, action.from());
            customer.sendReliable("ctl.result", "{\"id\":\"act-1\",\"ok\":true}");
            Frame result = advisor.await(v, "ctl.result");
            assertEquals("{\"id\":\"act-1\",\"ok\":true}", result.text());
            assertEquals("customer", result.from());
            assertNoErrors(customer);
            assertNoErrors(advisor);
        }
    }

    @Test
    @Order(4)
    void aColleagueOnTheOtherNodeJoinsOnAnInvitationAndTakesTheSessionOver() {
        String owner = advisorToken();
        String colleague = CLUSTER.token("mn-colleague", "Multi Node Colleague", "advisor");
        NodeApi.as(b(), colleague).get("/api/invitations").then().statusCode(200); // signed in once, on b
        String colleagueId = NodeApi.as(a(), owner).queryParam("q", "Multi Node Colleague")
                .get("/api/staff/colleagues").then().statusCode(200).extract().path("people[0].id");
        Active s = NodeApi.activeSession(a(), a(), owner, "Invited Across Nodes");
        Page page = new Page();
        try (TabClient customer = TabClient.customer(s.id(), s.credential(), a().origin(), page);
                TabClient advisor = TabClient.staff("advisor", s.id(), owner, a().origin());
                TabClient invitee = TabClient.staff("colleague", s.id(), colleague, b().origin())) {
            customer.connect(a().base());
            customer.snapshot();
            advisor.connect(a().base());
            // invited on a, heard at once by the colleague's invitation stream on b, accepted on b, joined through b:
            // the room is on a, reached over the bridge
            java.util.concurrent.BlockingQueue<String> heard = invitationsHeard(b(), colleague);
            assertTrue(poll(heard, 10) != null, "the stream on b lists the colleague's invitations on connect");
            String invitation = NodeApi.as(a(), owner).body(Map.of("inviteeId", colleagueId, "note", "cover check"))
                    .post("/api/sessions/" + s.id() + "/invitations").then().statusCode(201).extract().path("id");
            long asked = System.nanoTime();
            String withIt;
            do {
                withIt = poll(heard, 3);
            } while (withIt != null && !withIt.contains(invitation));
            assertTrue(withIt != null && java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime()
                    - asked) < 3, "an invitation made on a reaches the stream on b at once, not at its 10 s re-read");
            NodeApi.as(b(), colleague).post("/api/invitations/" + invitation + "/accept").then().statusCode(200);
            int mark = customer.mark();
            invitee.connect(b().base());
            customer.await(mark, f -> f.type().equals("sys.presence") && f.text().contains("Multi Node Colleague"),
                    "the customer sees the colleague who joined on b", TabClient.WAIT);
            awaitShows(invitee, page, TabClient.WAIT);
            invitee.sendReliable("ann.begin", annotation("colleague-1"));
            assertEquals(colleagueId, customer.await(mark, "ann.begin").from());

            // handed over on b: the room on a tells everyone of the new owner
            String transfer = NodeApi.as(b(), owner).body(Map.of("inviteeId", colleagueId, "kind", "transfer"))
                    .post("/api/sessions/" + s.id() + "/invitations").then().statusCode(201).extract().path("id");
            int before = customer.mark();
            NodeApi.as(b(), colleague).post("/api/invitations/" + transfer + "/accept").then().statusCode(200);
            Frame notice = customer.await(before, f -> f.type().equals("sys.notice"), "the new owner's notice",
                    TabClient.WAIT);
            assertEquals("owner", notice.json().path("kind").asText());
            assertEquals(colleagueId, notice.json().path("id").asText());
            assertEquals(1, customer.received().subList(before, customer.received().size()).stream()
                    .filter(f -> f.type().equals("sys.notice")).count(), "one notice, though both nodes heard it");
            assertEquals("Multi Node Colleague", NodeApi.session(a(), colleague, s.id()).getString("advisor.name"));
            assertNoErrors(customer);
            assertNoErrors(invitee);
        }
    }

    /** The data lines of a console's invitation stream on {@code node}, as they come (a daemon thread reads them). */
    private static java.util.concurrent.BlockingQueue<String> invitationsHeard(Node node, String token) {
        java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try {
                java.net.http.HttpResponse<java.util.stream.Stream<String>> response = CLUSTER.http().send(
                        java.net.http.HttpRequest.newBuilder(node.base().resolve("/api/invitations/stream"))
                                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream")
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofLines());
                response.body().filter(l -> l.startsWith("data:")).forEach(lines::add);
            } catch (java.io.IOException e) {
                lines.add("failed: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "invitations-" + node);
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static String poll(java.util.concurrent.BlockingQueue<String> lines, int seconds) {
        try {
            return lines.poll(seconds, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Test
    @Order(5)
    void lateJoinerOnTheOtherNodeGetsTheKeyframeAndTheAnnotations() {
        Active s = NodeApi.activeSession(b(), a(), advisorToken(), "Late Node Lena");
        Page page = new Page();
        try (TabClient customer = TabClient.customer(s.id(), s.credential(), a().origin(), page);
                TabClient advisor = TabClient.staff("advisor", s.id(), advisorToken(), a().origin());
                TabClient supervisor = TabClient.staff("supervisor", s.id(), supervisorToken(), a().origin())) {
            customer.connect(a().base());
            customer.snapshot();
            advisor.connect(a().base());
            for (int i = 0; i < 3; i++) {
                customer.change();
            }
            customer.sendLatest("dom.scroll", "page", "{\"y\":100}");
            customer.sendLatest("dom.scroll", "page", "{\"y\":400}");
            advisor.sendReliable("ann.begin", annotation("late-1"));
            advisor.sendReliable("ann.end", "{\"id\":\"late-1\"}");
            awaitShows(advisor, page, TabClient.WAIT);
            advisor.await(0, f -> f.type().equals("dom.scroll") && f.text().equals("{\"y\":400}"),
                    "the latest scroll", TabClient.WAIT);
            customer.await(0, "ann.end");

            int asked = customer.mark();
            supervisor.connect(b().base());
            supervisor.awaitFrames(frames -> frames.stream().anyMatch(f -> f.type().equals("ann.end"))
                    && frames.stream().anyMatch(f -> f.type().equals("dom.scroll")),
                    "the keyframe and the annotations", TabClient.WAIT);
            List<Frame> got = supervisor.received();
            int reset = indexOf(got, "sys.reset");
            assertTrue(reset >= 0, "the late joiner is rebuilt from a sys.reset: " + supervisor.types());
            List<Frame> after = got.subList(reset + 1, got.size());
            assertEquals(List.of(customer.snapshotsSent().get(0), "{\"m\":1}",
                    "{\"m\":2}", "{\"m\":3}", "{\"y\":400}"),
                    after.stream().filter(f -> f.type().startsWith("dom.")).map(Frame::text).toList(),
                    "snapshot, changes in order, latest scroll only");
            assertEquals(List.of("ann.begin", "ann.end"), after.stream().filter(f -> f.type().startsWith("ann."))
                    .map(Frame::type).toList(), "the annotation log after the keyframe");

            customer.change();
            awaitShows(supervisor, page, TabClient.WAIT);
            assertTrue(customer.received().subList(asked, customer.mark()).stream()
                    .noneMatch(f -> f.type().equals("sys.snapshot-request")),
                    "the customer's browser is not asked for a new snapshot: " + customer.types());
        }
    }

    @Test
    @Order(6)
    void gracefulShutdownMovesEveryoneOnTheRoomsNodeToTheOtherWithNothingAcknowledgedLost() throws Exception {
        gracefulShutdownOfA(false, "Graceful Node Gabriel");
    }

    @Test
    @Order(7)
    void gracefulShutdownMovesTheRoomsClientsToTheNodeOfTheAdvisorWithNothingAcknowledgedLost() throws Exception {
        gracefulShutdownOfA(true, "Graceful Node Greta");
    }

    /**
     * The customer (first, so the room is on a) and a supervisor on a, the advisor on b or on a; SIGTERM to a: its
     * readiness goes DOWN, then its clients get sys.reconnect and 1001, and a exits. They reconnect to b with their
     * epoch and resume point: every change the server acknowledged before is on the advisor's mirror, and then the
     * whole current page, on the supervisor's too.
     */
    private static void gracefulShutdownOfA(boolean advisorOnB, String customerName) throws Exception {
        CLUSTER.ensureRunning();
        Active s = NodeApi.activeSession(a(), b(), advisorToken(), customerName);
        Page page = new Page();
        try (TabClient customer = TabClient.customer(s.id(), s.credential(), a().origin(), page);
                TabClient supervisor = TabClient.staff("supervisor", s.id(), supervisorToken(), a().origin());
                TabClient advisor = TabClient.staff("advisor", s.id(), advisorToken(), a().origin())) {
            Map<TabClient, TabClient.Connection> onA = new java.util.LinkedHashMap<>();
            onA.put(customer, customer.connect(a().base()));
            customer.snapshot();
            onA.put(supervisor, supervisor.connect(a().base()));
            if (advisorOnB) {
                advisor.connect(b().base());
                advisor.stayOn(b().base());
            } else {
                onA.put(advisor, advisor.connect(a().base()));
            }
            for (int i = 0; i < 10; i++) {
                customer.change();
            }
            awaitShows(advisor, page, TabClient.WAIT);
            long s10 = customer.change();
            customer.awaitAcked(s10, TabClient.WAIT);
            for (int i = 0; i < 5; i++) {
                customer.change();
            }

            long sigterm = System.nanoTime();
            a().terminate();
            TabClient.Connection customerOnA = onA.get(customer);
            long readinessDown = awaitReadinessDown(a(), customerOnA);
            onA.forEach((tab, connection) -> {
                int code = connection.closeCode(SHUTDOWN_GRACE);
                assertEquals(1001, code, tab.name + "'s socket on a closes with 1001; it closed "
                        + millis(connection.closedAtNanos - sigterm) + " ms after SIGTERM, readiness was DOWN after "
                        + (readinessDown > 0 ? millis(readinessDown - sigterm) + " ms" : "never")
                        + "; received " + tab.types());
                assertTrue(connection.reconnectAtNanos > 0, tab.name + " got sys.reconnect before the close: "
                        + tab.types());
            });
            assertTrue(readinessDown > 0 && readinessDown < customerOnA.reconnectAtNanos,
                    "readiness went DOWN before clients were told to reconnect");
            assertTrue(a().awaitExit(SHUTDOWN_GRACE.minusNanos(System.nanoTime() - sigterm)),
                    "node a exits within " + SHUTDOWN_GRACE.toSeconds() + " s of SIGTERM");

            List<Integer> acknowledged = changesUpTo(customer, customerOnA.ackedAtReconnect);
            assertTrue(acknowledged.size() >= 11, "at least the awaited acks: " + acknowledged);
            for (TabClient tab : onA.keySet()) {
                tab.reconnect(b().base(), RECOVERY);
            }
            awaitAcknowledgedShown(advisor, acknowledged);
            for (int i = 0; i < 3; i++) {
                customer.change();
            }
            awaitShows(advisor, page, RECOVERY);
            awaitShows(supervisor, page, RECOVERY);
            touchpointOnceAfterEnd(s, b());
        }
    }

    @Test
    @Order(8)
    void killedRoomNodeLeavesTheAdvisorShowingTheCustomersCurrentPageAgain() throws Exception {
        CLUSTER.ensureRunning();
        Active s = NodeApi.activeSession(b(), b(), advisorToken(), "Killed Node Kim");
        Page page = new Page();
        try (TabClient customer = TabClient.customer(s.id(), s.credential(), a().origin(), page);
                TabClient advisor = TabClient.staff("advisor", s.id(), advisorToken(), a().origin())) {
            TabClient.Connection customerOnA = customer.connect(a().base());
            customer.snapshot();
            advisor.connect(b().base());
            advisor.stayOn(b().base());
            for (int i = 0; i < 10; i++) {
                customer.change();
            }
            awaitShows(advisor, page, TabClient.WAIT);
            advisor.sendReliable("ann.begin", annotation("kill-1"));
            customer.await(0, "ann.begin");
            long last = 0;
            for (int i = 0; i < 5; i++) {
                last = customer.change();
            }
            // acknowledged, the snapshot is out of the customer's outbox: only a fresh one can rebuild the page on b
            customer.awaitAcked(last, TabClient.WAIT);

            a().kill();
            int code = customerOnA.closeCode(Duration.ofSeconds(10));
            assertTrue(code != 1001 && customerOnA.reconnectAtNanos == 0,
                    "a killed node says nothing: closed " + code + ", " + customer.types());
            for (int i = 0; i < 3; i++) {
                customer.change(); // the page goes on while the tab is away; tandem.js keeps these in its outbox
            }
            int asked = customer.mark();
            int snapshots = customer.snapshotsSent().size();
            int viewed = advisor.mark();
            customer.reconnect(b().base(), RECOVERY);
            try {
                customer.await(asked, f -> f.type().equals("sys.snapshot-request"),
                        "sys.snapshot-request once the room is rebuilt on b", RECOVERY);
                customer.awaitFrames(frames -> customer.snapshotsSent().size() > snapshots,
                        "the answering snapshot", TabClient.WAIT);
                String fresh = customer.snapshotsSent().get(snapshots);
                advisor.await(viewed, f -> f.type().equals("dom.snap") && f.text().equals(fresh),
                        "the customer's fresh snapshot", RECOVERY);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; the advisor received " + advisor.types()
                        + ", its mirror: " + Mirror.of(advisor.received()) + ", failed reconnects: "
                        + advisor.reconnectFailures(), e);
            }
            awaitShows(advisor, page, RECOVERY);
            customer.change();
            awaitShows(advisor, page, TabClient.WAIT);
            touchpointOnceAfterEnd(s, b());
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    private static String annotation(String id) {
        return "{\"id\":\"" + id + "\",\"tool\":\"pen\",\"color\":\"#e11d48\",\"width\":3,\"anchor\":{\"node\":5,"
                + "\"fx\":0.5,\"fy\":0.5,\"x\":10,\"y\":20},\"page\":\"/demo/\"}";
    }

    private static List<Frame> annotations(List<Frame> frames, int from) {
        return frames.subList(Math.min(from, frames.size()), frames.size()).stream()
                .filter(f -> f.type().startsWith("ann.")).toList();
    }

    private static int indexOf(List<Frame> frames, String type) {
        for (int i = frames.size() - 1; i >= 0; i--) {
            if (frames.get(i).type().equals(type)) {
                return i;
            }
        }
        return -1;
    }

    private static void assertRising(List<Frame> frames, String what) {
        for (int i = 1; i < frames.size(); i++) {
            if (frames.get(i).n() > 0 && frames.get(i).n() <= frames.get(i - 1).n()) {
                throw new AssertionError(what + ": room number " + frames.get(i).n() + " after " + frames.get(i - 1)
                        .n());
            }
        }
    }

    private static void assertNoErrors(TabClient tab) {
        assertTrue(tab.received().stream().noneMatch(f -> f.type().equals("sys.error")), tab.name
                + " got sys.error: " + tab.types());
    }

    /** Waits until the viewer's mirror shows exactly the customer's page. */
    private static void awaitShows(TabClient viewer, Page page, Duration timeout) {
        Mirror.awaitShows(viewer, page, timeout);
    }

    /** Waits until the advisor's mirror holds every change the server acknowledged before the shutdown. */
    private static void awaitAcknowledgedShown(TabClient advisor, List<Integer> acknowledged) {
        try {
            advisor.awaitFrames(frames -> {
                List<Integer> shown = Mirror.of(frames).shown();
                return shown != null && shown.containsAll(acknowledged);
            }, "every acknowledged change on the mirror", RECOVERY);
        } catch (AssertionError e) {
            throw new AssertionError("acknowledged changes 1.." + acknowledged.size() + " are not all on the "
                    + "advisor's mirror: " + Mirror.of(advisor.received()), e);
        }
    }

    /** The page changes whose frames the server acknowledged (sequence numbers up to {@code acked}). */
    private static List<Integer> changesUpTo(TabClient customer, long acked) {
        List<Integer> changes = new ArrayList<>();
        customer.sent().forEach((s, frame) -> {
            if (s <= acked && frame.startsWith("dom.mut ")) {
                changes.add(Integer.parseInt(frame.replaceAll("\\D", "")));
            }
        });
        changes.sort(null);
        return changes;
    }

    /**
     * Polls node's readiness until it answers 503 (DOWN) and returns when; 0 if the node stopped answering, or the
     * connection was told to reconnect, first.
     */
    private static long awaitReadinessDown(Node node, TabClient.Connection watched) throws InterruptedException {
        long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (NodeApi.health(node, "ready").statusCode() == 503) {
                    return System.nanoTime();
                }
            } catch (Exception e) {
                return 0; // no longer answering (connection refused)
            }
            if (watched.reconnectAtNanos > 0) {
                return 0;
            }
            Thread.sleep(50);
        }
        return 0;
    }

    /** Ends the session on {@code node}; its customer's timeline there has exactly one touchpoint for it. */
    private static void touchpointOnceAfterEnd(Active s, Node node) {
        JsonPath ended = NodeApi.end(node, advisorToken(), s.id());
        assertEquals("ENDED", ended.getString("status"));
        List<Map<String, Object>> touchpoints = NodeApi.touchpoints(node, advisorToken(), s.customerId(), s.id());
        assertEquals(1, touchpoints.size(), "one touchpoint for the session: " + touchpoints);
        assertEquals(Boolean.TRUE, touchpoints.get(0).get("completed"), "the touchpoint is complete: " + touchpoints);
    }
}

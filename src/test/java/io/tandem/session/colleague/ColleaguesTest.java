package io.tandem.session.colleague;

import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.customer;
import static io.tandem.testing.Api.newSession;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.RelayClient;
import io.tandem.testing.RelayClient.Frame;
import io.tandem.testing.RelayClient.Refused;
import io.tandem.testing.TestClock;
import io.tandem.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * More than two in a session (issue 16): invitations to join and to take over, a supervisor stepping in, and every
 * refusal, through the REST API and the relay.
 */
@QuarkusTest
class ColleaguesTest {

    private static final String OWNER = TestTokens.advisor1();
    private static final String BEN = TestTokens.advisor2();
    private static final String SUPERVISOR = TestTokens.supervisor1();
    /** Two advisors of the Claims team, and a supervisor (no advisor role) of it. */
    private static final String CLARA = TestTokens.claims("sub-clara", "clara", "Clara Claims", "advisor")
            .claim("team", "Claims").sign();
    private static final String CARL = TestTokens.claims("sub-carl", "carl", "Carl Claims", "advisor")
            .claim("team", "Claims").sign();
    private static final String SUPERVISOR_ONLY = TestTokens.claims("sub-sue", "sue", "Sue Seniors", "supervisor")
            .sign();

    @TestHTTPResource("/")
    URI base;

    @Inject
    TestClock clock;

    @Inject
    Pool db;

    /** The staff member's id, as the server knows them (their row is written on their first call). */
    private String idOf(String token, String name) {
        as(token).get("/api/invitations").then().statusCode(200);
        return db.preparedQuery("select id from advisor where display_name = $1"
                + " order by updated_at desc limit 1").execute(Tuple.of(name))
                .await().indefinitely().iterator().next().getUUID("id").toString();
    }

    private static JsonPath invite(String sessionId, Map<String, Object> body) {
        return as(OWNER).body(body).post("/api/sessions/" + sessionId + "/invitations").then().statusCode(201)
                .extract().jsonPath();
    }

    private static RelayClient joined(URI base, String id, String token) {
        return RelayClient.staff(base, id, token).hello();
    }

    @Test
    void anInvitedColleagueSeesTheInvitationJoinsAndIsPresentBesideTheOwner() {
        String ben = idOf(BEN, "Ben Baker");
        JsonPath created = newSession(OWNER, "Invited Ivy");
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        // before the invitation, Ben is not in the session
        assertEquals(403, assertThrows(Refused.class, () -> RelayClient.staff(base, id, BEN)).status);
        as(BEN).get("/api/sessions/" + id).then().statusCode(403);

        JsonPath inv = invite(id, Map.of("inviteeId", ben, "note", "Water damage claim, please check cover"));
        assertEquals("pending", inv.getString("status"));
        assertEquals("join", inv.getString("kind"));
        assertEquals("Alice Archer", inv.getString("invitedBy.name"));
        assertEquals("Ben Baker", inv.getString("invitee.name"));
        assertEquals("Invited Ivy", inv.getString("customerName"));
        String invitation = inv.getString("id");
        as(BEN).get("/api/invitations").then().statusCode(200).body("id", hasItem(invitation))
                .body("find { it.id == '" + invitation + "' }.note", equalTo("Water damage claim, please check cover"));

        as(BEN).post("/api/invitations/" + invitation + "/accept").then().statusCode(200)
                .body("sessionId", equalTo(id)).body("kind", equalTo("join"))
                .body("workspaceUrl", equalTo("/console/?session=" + id));
        as(BEN).get("/api/invitations").then().statusCode(200).body("id", org.hamcrest.Matchers.not(hasItem(
                invitation)));
        as(BEN).get("/api/sessions/" + id).then().statusCode(200);
        as(OWNER).get("/api/sessions/" + id + "/invitations").then().statusCode(200)
                .body("find { it.id == '" + invitation + "' }.status", equalTo("accepted"))
                .body("find { it.id == '" + invitation + "' }.answeredBy.name", equalTo("Ben Baker"));

        try (RelayClient c = RelayClient.customer(base, id, credential).hello();
                RelayClient owner = joined(base, id, OWNER);
                RelayClient colleague = joined(base, id, BEN)) {
            Frame presence = c.await(f -> f.type().equals("sys.presence") && f.text().contains("Ben Baker")
                    && f.text().contains("Alice Archer"), "presence with both advisors");
            JsonNode people = presence.json().path("participants");
            assertTrue(find(people, "Alice Archer").path("owner").asBoolean(), presence.text());
            assertFalse(find(people, "Ben Baker").path("owner").asBoolean(), presence.text());
            assertEquals("advisor", find(people, "Ben Baker").path("role").asText());
            // both advisors point and draw; the customer hears each under their own id
            owner.send("ptr.move", 0, null, "{\"x\":1,\"y\":2}");
            colleague.sendReliable("ann.begin", "s1", "{\"id\":\"s1\",\"tool\":\"pen\",\"x\":3,\"y\":4}");
            assertEquals(ben, c.await("ann.begin").from());
            // only the owner invites or ends
            as(BEN).body(Map.of("team", "Claims")).post("/api/sessions/" + id + "/invitations").then()
                    .statusCode(403).body("type", equalTo("urn:tandem:problem:forbidden"));
            as(BEN).body(Map.of("outcome", "resolved")).post("/api/sessions/" + id + "/end").then().statusCode(403);
        }
        List<String> actions = as(SUPERVISOR).queryParam("session", id).get("/api/audit").then().statusCode(200)
                .extract().path("items.action");
        assertTrue(actions.containsAll(List.of("invite", "join")), actions.toString());
        List<String> details = as(SUPERVISOR).queryParam("session", id).get("/api/audit").then().extract()
                .path("items.detail");
        assertTrue(details.containsAll(List.of("join: Ben Baker", "invited by Alice Archer")), details.toString());
    }

    @Test
    void aWarmTransferMovesOwnershipRevokesControlAndTellsTheCustomerInOneLine() {
        String ben = idOf(BEN, "Ben Baker");
        JsonPath created = newSession(OWNER, "Transferred Tara");
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        try (RelayClient c = RelayClient.customer(base, id, credential).hello();
                RelayClient owner = joined(base, id, OWNER)) {
            // the customer grants the owner control of the page
            owner.sendReliable("ctl.request", null, "{}");
            c.await("ctl.request");
            c.sendReliable("ctl.grant", null, "{\"to\":\"" + owner.welcome().json().path("participantId").asText()
                    + "\",\"scope\":\"session\"}");
            owner.await(f -> f.type().equals("sys.control") && f.text().contains("granted"), "the grant");

            String invitation = invite(id, Map.of("inviteeId", ben, "kind", "transfer", "note", "Account review"))
                    .getString("id");
            as(BEN).post("/api/invitations/" + invitation + "/accept").then().statusCode(200)
                    .body("kind", equalTo("transfer"));
            Frame notice = c.await("sys.notice");
            assertEquals("owner", notice.json().path("kind").asText());
            assertEquals("Ben Baker", notice.json().path("name").asText());
            assertEquals(ben, notice.json().path("id").asText());
            Frame revoked = c.await(f -> f.type().equals("sys.control") && f.text().contains("transfer"),
                    "control revoked on transfer");
            assertEquals("none", revoked.json().path("state").asText(), revoked.text());
            as(OWNER).get("/api/sessions/" + id).then().statusCode(200).body("advisor.name", equalTo("Ben Baker"));

            // the new owner joins; both are present for a moment; the former owner is now beside them
            try (RelayClient next = joined(base, id, BEN)) {
                Frame both = c.await(f -> f.type().equals("sys.presence") && f.text().contains("Ben Baker")
                        && f.text().contains("Alice Archer"), "both advisors present");
                assertTrue(find(both.json().path("participants"), "Ben Baker").path("owner").asBoolean(),
                        both.text());
                assertFalse(find(both.json().path("participants"), "Alice Archer").path("owner").asBoolean(),
                        both.text());
                // the former owner can no longer invite, hand over or end; the new owner can
                as(OWNER).body(Map.of("inviteeId", ben)).post("/api/sessions/" + id + "/invitations").then()
                        .statusCode(403);
                as(OWNER).body(Map.of("outcome", "resolved")).post("/api/sessions/" + id + "/end").then()
                        .statusCode(403);
                // both find the session in their session list: the new owner's, and the one they handed over
                for (String staff : List.of(OWNER, BEN)) {
                    List<String> listed = as(staff).get("/api/sessions").then().statusCode(200).extract()
                            .path("items.id");
                    assertTrue(listed.contains(id), staff + " lists " + listed);
                }
                // the page carries on without a new snapshot: the customer's frames still reach the new owner
                c.sendReliable("dom.mut", null, "{\"still\":\"here\"}");
                assertTrue(next.await("dom.mut").text().contains("still"));
                // both advisors stay 40 s, then the new owner ends the session with everyone still in it
                clock.advance(Duration.ofSeconds(40));
                as(BEN).body(Map.of("outcome", "resolved")).post("/api/sessions/" + id + "/end").then()
                        .statusCode(200);
            }
        }
        // the record: every advisor with their time in the session; the rating is the owner's at the end
        customer(credential).body(Map.of("score", 10)).post("/api/sessions/" + id + "/feedback").then()
                .statusCode(200);
        String customerId = as(BEN).get("/api/sessions/" + id).then().extract().path("customer.id");
        io.tandem.testing.Poll.until(Duration.ofSeconds(20), () -> {
            List<Map<String, Object>> advisors = as(SUPERVISOR).get("/api/customers/" + customerId + "/timeline")
                    .then().statusCode(200).extract().path("items[0].advisors");
            return advisors != null && advisors.size() == 2 && advisors.stream().allMatch(a -> ((Number) a.get(
                    "seconds")).intValue() >= 40);
        }, "both advisors' times on the touchpoint");
        JsonPath touchpoint = as(SUPERVISOR).get("/api/customers/" + customerId + "/timeline").then().extract()
                .jsonPath();
        assertEquals("Ben Baker", touchpoint.getString("items[0].advisorName"));
        // the supervisors' NPS per advisor counts it for its owner at the end, and per participant for both
        JsonPath nps = as(SUPERVISOR).get("/api/reports/nps").then().statusCode(200).extract().jsonPath();
        assertTrue(nps.getList("advisors.advisorName").contains("Ben Baker"), nps.prettify());
        assertTrue(nps.getList("participants.advisorName").containsAll(List.of("Alice Archer", "Ben Baker")),
                nps.prettify());
        assertEquals(List.of("Alice Archer", "Ben Baker"), touchpoint.getList("items[0].advisors.name").stream()
                .sorted().toList());
        List<String> actions = as(SUPERVISOR).queryParam("session", id).get("/api/audit").then().statusCode(200)
                .extract().path("items.action");
        assertTrue(actions.contains("transfer"), actions.toString());
    }

    @Test
    void aTeamsInvitationGoesToTheFirstWhoAcceptsAndTheOthersAreToldItIsTaken() {
        idOf(CLARA, "Clara Claims");
        idOf(CARL, "Carl Claims");
        String id = newSession(OWNER, "Team Theo").getString("id");
        as(OWNER).queryParam("q", "clai").get("/api/staff/colleagues").then().statusCode(200)
                .body("teams", hasItem("Claims"));
        String invitation = invite(id, Map.of("team", "Claims", "kind", "transfer")).getString("id");
        as(CLARA).get("/api/invitations").then().body("id", hasItem(invitation));
        as(CARL).get("/api/invitations").then().body("id", hasItem(invitation));
        as(BEN).get("/api/invitations").then().body("id", org.hamcrest.Matchers.not(hasItem(invitation)));
        as(BEN).post("/api/invitations/" + invitation + "/accept").then().statusCode(403);
        // and the directory finds advisors by name or team, never the caller nor staff without the advisor role
        as(OWNER).queryParam("q", "claims").get("/api/staff/colleagues").then().statusCode(200)
                .body("people.name", org.hamcrest.Matchers.hasItems("Clara Claims", "Carl Claims"))
                .body("people.name", org.hamcrest.Matchers.not(hasItem("Alice Archer")));
        as(CARL).queryParam("q", "s").get("/api/staff/colleagues").then().statusCode(200)
                .body("people.name", org.hamcrest.Matchers.not(hasItem("Sam Supervisor")))
                .body("people.name", org.hamcrest.Matchers.not(hasItem("Carl Claims")));

        as(CARL).post("/api/invitations/" + invitation + "/accept").then().statusCode(200);
        as(CLARA).post("/api/invitations/" + invitation + "/accept").then().statusCode(409)
                .body("type", equalTo("urn:tandem:problem:invitation-answered"))
                .body("detail", org.hamcrest.Matchers.containsString("Carl Claims"));
        as(CARL).get("/api/sessions/" + id).then().statusCode(200).body("advisor.name", equalTo("Carl Claims"));
    }

    @Test
    void invitationsThatAreWithdrawnExpiredOrNotOneOfOursAreRefusedClearly() {
        String ben = idOf(BEN, "Ben Baker");
        String sue = idOf(SUPERVISOR_ONLY, "Sue Seniors");
        String owner = idOf(OWNER, "Alice Archer");
        JsonPath created = newSession(OWNER, "Rules Rita");
        String id = created.getString("id");
        // the invitee must be another advisor; a person or a team, not both or neither
        as(OWNER).body(Map.of("inviteeId", sue)).post("/api/sessions/" + id + "/invitations").then()
                .statusCode(422).body("type", equalTo("urn:tandem:problem:invalid-invitee"));
        as(OWNER).body(Map.of("inviteeId", owner)).post("/api/sessions/" + id + "/invitations").then()
                .statusCode(422);
        as(OWNER).body(Map.of("inviteeId", java.util.UUID.randomUUID().toString()))
                .post("/api/sessions/" + id + "/invitations").then().statusCode(404)
                .body("type", equalTo("urn:tandem:problem:unknown-staff"));
        as(OWNER).body(Map.of("team", "Nobody Here")).post("/api/sessions/" + id + "/invitations").then()
                .statusCode(404);
        as(OWNER).body(Map.of("inviteeId", ben, "team", "Claims")).post("/api/sessions/" + id + "/invitations")
                .then().statusCode(400);
        as(OWNER).body(Map.of()).post("/api/sessions/" + id + "/invitations").then().statusCode(400);
        as(OWNER).body(Map.of("inviteeId", ben, "note", "x".repeat(281))).post("/api/sessions/" + id
                + "/invitations").then().statusCode(400);
        as(OWNER).body(Map.of("inviteeId", ben, "kind", "kidnap")).post("/api/sessions/" + id + "/invitations")
                .then().statusCode(400);
        // someone else's session; a customer; a supervisor (no advisor role)
        as(BEN).body(Map.of("inviteeId", owner)).post("/api/sessions/" + id + "/invitations").then().statusCode(403);
        String credential = admit(created.getString("code"));
        customer(credential).body(Map.of("inviteeId", ben)).post("/api/sessions/" + id + "/invitations").then()
                .statusCode(org.hamcrest.Matchers.anyOf(equalTo(401), equalTo(403)));
        as(SUPERVISOR).body(Map.of("inviteeId", ben)).post("/api/sessions/" + id + "/invitations").then()
                .statusCode(403);

        // withdrawn: the invitee's accept is refused and it leaves their list
        String withdrawn = invite(id, Map.of("inviteeId", ben)).getString("id");
        as(BEN).post("/api/invitations/" + withdrawn + "/accept").then().statusCode(200); // first one accepted
        String second = invite(id, Map.of("inviteeId", ben, "kind", "transfer")).getString("id");
        as(BEN).delete("/api/sessions/" + id + "/invitations/" + second).then().statusCode(403);
        as(OWNER).delete("/api/sessions/" + id + "/invitations/" + second).then().statusCode(204);
        as(OWNER).delete("/api/sessions/" + id + "/invitations/" + second).then().statusCode(409)
                .body("type", equalTo("urn:tandem:problem:invitation-answered"));
        as(BEN).post("/api/invitations/" + second + "/accept").then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("withdrawn"));
        as(BEN).post("/api/invitations/" + java.util.UUID.randomUUID() + "/accept").then().statusCode(404)
                .body("type", equalTo("urn:tandem:problem:unknown-invitation"));

        // expired: five minutes later it is gone from the list and refused with 410
        String late = invite(id, Map.of("inviteeId", ben, "kind", "transfer")).getString("id");
        clock.advance(Duration.ofMinutes(6));
        as(BEN).get("/api/invitations").then().body("id", org.hamcrest.Matchers.not(hasItem(late)));
        as(BEN).post("/api/invitations/" + late + "/decline").then().statusCode(410)
                .body("type", equalTo("urn:tandem:problem:invitation-expired"));
        as(OWNER).get("/api/sessions/" + id + "/invitations").then()
                .body("find { it.id == '" + late + "' }.status", equalTo("expired"));

        // at most ten invitations wait at once
        for (int i = 0; i < 10; i++) {
            invite(id, Map.of("inviteeId", ben, "note", "ask " + i));
        }
        as(OWNER).body(Map.of("inviteeId", ben)).post("/api/sessions/" + id + "/invitations").then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("10 invitations waiting"));

        // once the session is over, nothing more is invited
        as(OWNER).body(Map.of("outcome", "resolved")).post("/api/sessions/" + id + "/end").then().statusCode(200);
        as(OWNER).body(Map.of("inviteeId", ben)).post("/api/sessions/" + id + "/invitations").then().statusCode(410);
    }

    @Test
    void aSupervisorStepsInToTalkAndDrawAndStepsBackOutAndEveryoneIsTold() {
        String supervisorId = idOf(SUPERVISOR, "Sam Supervisor");
        JsonPath created = newSession(OWNER, "Stepped Stan");
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        try (RelayClient c = RelayClient.customer(base, id, credential).hello();
                RelayClient owner = joined(base, id, OWNER);
                RelayClient watching = joined(base, id, SUPERVISOR)) {
            as(OWNER).post("/api/sessions/" + id + "/step-in").then().statusCode(403);
            as(SUPERVISOR).post("/api/sessions/" + id + "/step-out").then().statusCode(409);
            as(SUPERVISOR).post("/api/sessions/" + id + "/step-in").then().statusCode(204);
            Frame in = c.await("sys.notice");
            assertEquals("stepped-in", in.json().path("kind").asText());
            assertEquals("Sam Supervisor", in.json().path("name").asText());
            owner.await("sys.notice");
            Frame seen = c.await(f -> f.type().equals("sys.presence") && f.text().contains("Sam Supervisor"),
                    "the customer sees the supervisor who stepped in");
            assertEquals("supervisor", find(seen.json().path("participants"), "Sam Supervisor").path("seat").asText());
            // from now on a participant like an advisor: draws, on the same connection
            watching.sendReliable("ann.begin", "s1", "{\"id\":\"s1\",\"tool\":\"pen\",\"x\":1,\"y\":1}");
            assertEquals(supervisorId, c.await("ann.begin").from());
            // and the video call treats them as a media peer
            as(SUPERVISOR).post("/api/sessions/" + id + "/signaling-token").then().statusCode(200)
                    .body("role", equalTo("advisor"));

            as(SUPERVISOR).post("/api/sessions/" + id + "/step-out").then().statusCode(204);
            Frame out = c.await(f -> f.type().equals("sys.notice") && f.text().contains("stepped-out"),
                    "stepped out");
            assertEquals("Sam Supervisor", out.json().path("name").asText());
            c.await(f -> f.type().equals("sys.presence") && !f.text().contains("Sam Supervisor"),
                    "the customer no longer sees the silent supervisor");
            watching.send("ptr.move", 0, null, "{\"x\":1,\"y\":1}");
            assertEquals(4403, watching.closeCode(3));
            assertFalse(c.isClosed());
        }
        List<String> actions = as(SUPERVISOR).queryParam("session", id).get("/api/audit").then().statusCode(200)
                .extract().path("items.action");
        assertTrue(actions.containsAll(List.of("step_in", "step_out")), actions.toString());
    }

    @Test
    void theConsolesInvitationStreamShowsANewInvitationAtOnceAndDropsItWhenWithdrawn() throws Exception {
        String ben = idOf(BEN, "Ben Baker");
        String id = newSession(OWNER, "Streamed Sia").getString("id");
        BlockingQueue<String> events = new ArrayBlockingQueue<>(64);
        BlockingQueue<String> comments = new java.util.concurrent.LinkedBlockingQueue<>();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<java.io.InputStream> response = http.send(HttpRequest.newBuilder(base.resolve(
                "/api/invitations/stream")).header("Authorization", "Bearer " + BEN)
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                String event = null;
                for (String line; (line = in.readLine()) != null;) {
                    if (line.startsWith(":")) {
                        comments.add(line);
                    } else if (line.startsWith("event:")) {
                        event = line.substring(6).strip();
                    } else if (line.startsWith("data:") && "invitations".equals(event)) {
                        events.add(line.substring(5).strip());
                    }
                }
            } catch (java.io.IOException e) {
                // the stream was closed at the end of the test
            }
        }, "invitation-stream");
        reader.setDaemon(true);
        reader.start();
        try {
            String first = events.poll(10, TimeUnit.SECONDS);
            assertTrue(first != null && first.startsWith("["), "a first list on connect: " + first);
            String invitation = invite(id, Map.of("inviteeId", ben, "note", "Quick question")).getString("id");
            String withIt = next(events, s -> s.contains(invitation));
            assertTrue(withIt.contains("Quick question") && withIt.contains("Streamed Sia"), withIt);
            as(OWNER).delete("/api/sessions/" + id + "/invitations/" + invitation).then().statusCode(204);
            next(events, s -> !s.contains(invitation));
            // a quiet stream still says something now and then, so idle timeouts and proxies leave it open
            assertTrue(comments.poll(10, TimeUnit.SECONDS) != null, "a keep-alive comment on a quiet stream");
        } finally {
            response.body().close();
        }
    }

    @Test
    void theInvitationStreamEndsWhenTheTokenItWasOpenedWithExpires() throws Exception {
        String shortLived = TestTokens.claims("sub-advisor2", "advisor2", "Ben Baker", "advisor")
                .expiresAt(java.time.Instant.now().plusSeconds(3)).sign();
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base
                .resolve("/api/invitations/stream")).header("Authorization", "Bearer " + shortLived)
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        java.util.concurrent.CompletableFuture<Boolean> ended = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> {
                    try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(),
                            StandardCharsets.UTF_8))) {
                        boolean listed = false;
                        for (String line; (line = in.readLine()) != null;) {
                            listed |= line.startsWith("data:");
                        }
                        return listed;
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
        try {
            assertTrue(ended.get(15, TimeUnit.SECONDS), "the list was sent before the stream ended");
        } finally {
            response.body().close();
        }
    }

    private static String next(BlockingQueue<String> events, java.util.function.Predicate<String> match)
            throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5); // at once: well before the 10 s re-read
        while (System.nanoTime() < until) {
            String e = events.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (e != null && match.test(e)) {
                return e;
            }
        }
        throw new AssertionError("no matching invitations event within 5 s");
    }

    private static JsonNode find(JsonNode participants, String name) {
        for (JsonNode p : participants) {
            if (name.equals(p.path("name").asText())) {
                return p;
            }
        }
        throw new AssertionError(name + " not in " + participants);
    }
}

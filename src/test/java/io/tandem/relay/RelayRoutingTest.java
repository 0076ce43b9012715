package io.tandem.relay;

import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.RelayClient;
import io.tandem.testing.RelayClient.Frame;
import io.tandem.testing.TestTokens;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frames travel between sharer and viewer as sent, with sender and room sequence; late joiners get the keyframe. */
@QuarkusTest
class RelayRoutingTest {

    private static final String ADVISOR1 = TestTokens.advisor1();

    @TestHTTPResource("/")
    URI base;

    record Session(String id, String credential) {}

    private Session active(String name) {
        JsonPath created = newSession(ADVISOR1, name);
        return new Session(created.getString("id"), admit(created.getString("code")));
    }

    @Test
    void welcomeNamesParticipantRoleAndStage() {
        Session s = active("Welcome Wendy");
        try (RelayClient customer = RelayClient.customer(base, s.id, s.credential)) {
            customer.send("sys.hello", 0, null, "{\"epoch\":\"e1\"}");
            Frame welcome = customer.await("sys.welcome");
            assertEquals("customer", welcome.json().path("participantId").asText());
            assertEquals("customer", welcome.json().path("role").asText());
            assertEquals("Welcome Wendy", welcome.json().path("name").asText());
            assertEquals("customer", welcome.json().path("stage").path("mode").asText());
            assertEquals("customer", welcome.json().path("stage").path("sharer").asText());
        }
    }

    @Test
    void sharerFramesReachViewerWithPayloadBytesUntouched() {
        Session s = active("Routing Rita");
        try (RelayClient advisor = RelayClient.staff(base, s.id, ADVISOR1).hello();
                RelayClient customer = RelayClient.customer(base, s.id, s.credential).hello()) {
            // an odd payload: not even JSON, with multi-byte characters and a line feed; the relay must not care
            String odd = "{\"weird\": \"ünïcødé ✓\"}\nsecond line \u0000 end";
            customer.sendReliable("dom.snap", null, "{\"html\":\"<p>hi</p>\"}");
            customer.sendReliable("dom.mut", null, odd);
            Frame snap = advisor.await("dom.snap");
            Frame mut = advisor.await("dom.mut");
            assertEquals("customer", snap.from());
            assertEquals(snap.n() + 1, mut.n());
            assertArrayEquals(odd.getBytes(StandardCharsets.UTF_8), mut.payload());
            assertFalse(customer.drain(200).stream().anyMatch(f -> f.type().startsWith("dom.")),
                    "the sender does not get its own frames back");
        }
    }

    @Test
    void lateJoinerGetsKeyframeAtOnceWithoutANewSnapshotFromTheSharer() {
        Session s = active("Late Leo");
        try (RelayClient customer = RelayClient.customer(base, s.id, s.credential).hello()) {
            customer.sendReliable("dom.snap", null, "{\"v\":\"snapshot\"}");
            for (int i = 1; i <= 3; i++) {
                customer.sendReliable("dom.mut", null, "{\"v\":\"mut" + i + "\"}");
            }
            customer.send("dom.scroll", 0, "page", "{\"y\":100}");
            customer.send("dom.scroll", 0, "page", "{\"y\":400}");
            customer.sendReliable("dom.nav", "load", "{\"url\":\"/demo/\"}");
            customer.drain(300);
            try (RelayClient advisor = RelayClient.staff(base, s.id, ADVISOR1).hello()) {
                advisor.await("sys.reset");
                List<String> payloads = advisor.drain(500).stream()
                        .filter(f -> f.type().startsWith("dom.")).map(Frame::text).toList();
                assertEquals(List.of("{\"v\":\"snapshot\"}", "{\"v\":\"mut1\"}", "{\"v\":\"mut2\"}",
                        "{\"v\":\"mut3\"}", "{\"url\":\"/demo/\"}", "{\"y\":400}"), payloads,
                        "snapshot, incrementals in order, latest scroll only");
            }
            assertFalse(customer.drain(300).stream().anyMatch(f -> f.type().equals("sys.snapshot-request")),
                    "the customer's browser is not asked for a new snapshot");
        }
    }

    @Test
    void advisorReconnectingAfterReloadSeesTheCurrentPage() {
        Session s = active("Reload Rob");
        try (RelayClient customer = RelayClient.customer(base, s.id, s.credential).hello()) {
            customer.sendReliable("dom.snap", null, "{\"v\":1}");
            try (RelayClient advisor = RelayClient.staff(base, s.id, ADVISOR1).hello()) {
                advisor.await("dom.snap");
            }
            customer.sendReliable("dom.snap", null, "{\"v\":2}");
            customer.sendReliable("dom.mut", null, "{\"v\":3}");
            customer.drain(200);
            try (RelayClient reloaded = RelayClient.staff(base, s.id, ADVISOR1).hello()) {
                reloaded.await("sys.reset");
                List<String> dom = reloaded.drain(400).stream().filter(f -> f.type().startsWith("dom."))
                        .map(Frame::text).toList();
                assertEquals(List.of("{\"v\":2}", "{\"v\":3}"), dom);
            }
        }
    }

    @Test
    void viewerWithoutAKeyframeMakesTheServerAskTheSharerForASnapshot() {
        Session s = active("Empty Emil");
        try (RelayClient customer = RelayClient.customer(base, s.id, s.credential).hello();
                RelayClient advisor = RelayClient.staff(base, s.id, ADVISOR1).hello()) {
            Frame request = customer.await("sys.snapshot-request");
            assertEquals("keyframe-missing", request.json().path("reason").asText());
        }
    }

    @Test
    void pointersFlowBothWaysAndAdvisorCanTakeTheStage() {
        Session s = active("Stage Stella");
        try (RelayClient customer = RelayClient.customer(base, s.id, s.credential).hello();
                RelayClient advisor = RelayClient.staff(base, s.id, ADVISOR1).hello()) {
            advisor.send("ptr.move", 0, null, "{\"x\":10,\"y\":20}");
            assertEquals("{\"x\":10,\"y\":20}", customer.await("ptr.move").text());
            customer.send("ptr.move", 0, null, "{\"x\":1,\"y\":2}");
            assertEquals("customer", advisor.await("ptr.move").from());

            advisor.send("sys.stage", 0, null, "{\"mode\":\"advisor\"}");
            Frame stage = customer.await("sys.stage");
            assertEquals("advisor", stage.json().path("mode").asText());
            String advisorId = stage.json().path("sharer").asText();
            advisor.await("sys.snapshot-request");
            advisor.sendReliable("dom.snap", null, "{\"page\":\"quote form\"}");
            Frame snap = customer.await("dom.snap");
            assertEquals(advisorId, snap.from());
            // the customer is no longer the sharer: its late DOM frames are dropped, not relayed
            customer.sendReliable("dom.mut", null, "{\"stale\":true}");
            assertTrue(advisor.drain(300).stream().noneMatch(f -> f.text().contains("stale")));
            assertFalse(customer.isClosed());
        }
    }
}

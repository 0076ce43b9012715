package io.tandem.document;

import static io.tandem.document.DocumentUploadTest.uploadNew;
import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.PdfFixtures;
import io.tandem.testing.Poll;
import io.tandem.testing.RelayClient;
import io.tandem.testing.TestTokens;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Over the real relay: the customer follows the presenter, and the touchpoint records versions, time and pages. */
@QuarkusTest
class DocumentViewingTest {

    private static final String ADVISOR1 = TestTokens.advisor1();

    @TestHTTPResource("/")
    URI base;

    @Test
    void theCustomerFollowsTheViewAndTheSessionRecordsWhichPagesOfWhichVersionWereShown() throws Exception {
        String title = "Contents " + UUID.randomUUID();
        JsonPath version = uploadNew(ADVISOR1, title, PdfFixtures.policy(title, 3)).statusCode(201).extract()
                .jsonPath();
        JsonPath created = newSession(ADVISOR1, "Viewing Vera");
        String sessionId = created.getString("id");
        String credential = admit(created.getString("code"));
        as(ADVISOR1).body(Map.of("versionId", version.getString("id"))).post("/api/sessions/" + sessionId
                + "/documents").then().statusCode(201);
        try (RelayClient advisor = RelayClient.staff(base, sessionId, ADVISOR1).hello();
                RelayClient customer = RelayClient.customer(base, sessionId, credential).hello()) {
            advisor.sendReliable("doc.open", null, "{\"documentId\":\"" + version.getString("documentId")
                    + "\",\"versionId\":\"" + version.getString("id") + "\",\"contentType\":\"application/pdf\"}");
            assertEquals(version.getString("id"), customer.await("doc.open").json().path("versionId").asText());
            advisor.send("doc.view", 0, null, "{\"page\":3,\"scroll\":0.5,\"zoom\":1.5}");
            RelayClient.Frame view = customer.await("doc.view");
            assertEquals(3, view.json().path("page").asInt());
            // the customer is not the presenter: refused, without closing the socket
            customer.send("doc.view", 0, null, "{\"page\":1,\"scroll\":0,\"zoom\":1}");
            assertEquals("not-presenter", customer.await("sys.error").json().path("code").asText());
            // open for two seconds by the activity's own count (flushed every second in tests) before closing
            Poll.until(Duration.ofSeconds(10), () -> activity(sessionId), a -> !a.getList("viewed").isEmpty()
                    && a.getLong("viewed[0].seconds") >= 2, "two seconds of the document counted while open");
        }
        JsonPath activity = Poll.until(Duration.ofSeconds(10), () -> activity(sessionId),
                a -> !a.getList("viewed").isEmpty() && a.getList("viewed[0].pages").size() == 2
                        && a.getLong("viewed[0].seconds") >= 2,
                "the activity lists pages 1 and 3 and two seconds");
        assertEquals(version.getString("id"), activity.getString("viewed[0].versionId"));
        assertEquals(title, activity.getString("viewed[0].title"));
        assertEquals(List.of(1, 3), activity.getList("viewed[0].pages"));
        assertTrue(activity.getLong("viewed[0].seconds") >= 2, activity.prettify());
        // the customer's timeline shows it on the session's touchpoint
        String customerId = as(ADVISOR1).get("/api/sessions/" + sessionId).then().extract().path("customer.id");
        JsonPath timeline = as(TestTokens.supervisor1()).get("/api/customers/" + customerId + "/timeline").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(version.getString("id"), timeline.getString("items[0].documents[0].versionId"));
        assertEquals(List.of(1, 3), timeline.getList("items[0].documents[0].pages"));
    }

    private static JsonPath activity(String sessionId) {
        return as(ADVISOR1).get("/api/sessions/" + sessionId + "/documents/activity").then().statusCode(200).extract()
                .jsonPath();
    }
}

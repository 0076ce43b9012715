package io.tandem.webhook;

import static io.tandem.testing.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.LogLines;
import io.tandem.testing.TestTokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Admins register webhook endpoints: the secret is shown once; URLs that are not http(s), too long, or whose host is in
 * a private, loopback, link-local, unique-local, multicast or reserved range are refused with 422 problem+json (the
 * test profile allows 127.0.0.1 only, by tandem.webhooks.allow); other roles are kept out.
 */
@QuarkusTest
class WebhookEndpointsTest {

    private static final String ADMIN = WebhookDeliveryTest.ADMIN;
    private static final String SUPERVISOR = TestTokens.supervisor1();
    private static final String ADVISOR = TestTokens.advisor1();

    @AfterEach
    void removeEndpoints() {
        List<String> ids = as(ADMIN).get("/api/admin/webhooks").then().statusCode(200).extract().path("id");
        ids.forEach(id -> as(ADMIN).delete("/api/admin/webhooks/" + id).then().statusCode(204));
    }

    private static Map<String, Object> request(String url) {
        return Map.of("url", url, "eventTypes", List.of("touchpoint.completed"));
    }

    @Test
    void anAdminRegistersAnEndpointSeesTheSecretOnceAndChangesIt() {
        JsonPath created = as(ADMIN).body(Map.of("url", "http://127.0.0.1:9/hooks", "eventTypes",
                List.of("touchpoint.completed", "feedback.received"), "description", "CRM")).post("/api/admin/webhooks")
                .then().statusCode(201).body("enabled", equalTo(true)).body("pending", equalTo(0))
                .extract().jsonPath();
        String id = created.getString("id");
        assertEquals(32, java.util.Base64.getDecoder().decode(created.getString("secret").substring(6)).length);
        as(SUPERVISOR).get("/api/admin/webhooks/" + id).then().statusCode(200).body("secret", nullValue())
                .body("eventTypes", equalTo(List.of("touchpoint.completed", "feedback.received")));
        as(ADMIN).body(Map.of("url", "http://127.0.0.1:9/other", "eventTypes", List.of("ladder.changed"), "enabled",
                false)).put("/api/admin/webhooks/" + id).then().statusCode(200).body("enabled", equalTo(false))
                .body("url", equalTo("http://127.0.0.1:9/other")).body("secret", nullValue());
        as(ADMIN).get("/api/admin/webhooks/" + id + "/deliveries?status=dead").then().statusCode(200)
                .body("total", equalTo(0));
        as(ADMIN).get("/api/admin/webhooks/" + id + "/deliveries?status=lost").then().statusCode(400)
                .contentType("application/problem+json");
        as(ADMIN).delete("/api/admin/webhooks/" + id).then().statusCode(204);

        // every change is in the audit log, in the admin's name, with the address and never the secret
        assertEquals("http://127.0.0.1:9/hooks", lastAudit("webhook_added").getString("detail"));
        assertEquals("http://127.0.0.1:9/other (ladder.changed, off)", lastAudit("webhook_changed").getString(
                "detail"));
        JsonPath removed = lastAudit("webhook_removed");
        assertEquals("http://127.0.0.1:9/other", removed.getString("detail"));
        assertEquals("Dev Diaz", removed.getString("actorName"));
        String secret = created.getString("secret");
        as(SUPERVISOR).get("/api/audit?size=100").then().statusCode(200).body(
                org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(secret)));
    }

    /** The newest audit entry of the action. */
    private static JsonPath lastAudit(String action) {
        return as(SUPERVISOR).queryParam("action", action).get("/api/audit").then().statusCode(200).extract()
                .jsonPath().setRootPath("items[0]");
    }

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({
            "http://127.0.0.2/hook, loopback",
            "http://[::1]:8080/hook, loopback",
            "http://10.1.2.3/hook, private",
            "http://172.16.0.1/hook, private",
            "http://192.168.1.20/hook, private",
            "http://169.254.169.254/latest/meta-data, link-local",
            "http://[fe80::1]/hook, link-local",
            "http://[fd12:3456::1]/hook, unique-local",
            "http://224.0.0.1/hook, multicast",
            "http://[ff02::1]/hook, multicast",
            "http://0.0.0.0/hook, unspecified",
            "http://100.64.0.1/hook, reserved",
            "http://[::ffff:10.0.0.1]/hook, private"})
    void targetsInRefusedRangesAre422(String url, String range) {
        try (LogLines log = new LogLines()) {
            as(ADMIN).body(request(url)).post("/api/admin/webhooks").then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:tandem:problem:webhook-target-refused"))
                    .body("detail", containsString("a " + range + " address"));
            List<LogLines.Line> lines = log.containing("Webhook target refused");
            assertEquals(1, lines.size(), "one log line per refusal: " + lines);
            assertEquals(null, lines.get(0).thrown(), "no stack trace for an admin's mistake");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "ftp://127.0.0.1/hook, over http or https only",
            "javascript:alert(1), over http or https only",
            "file:///etc/passwd, over http or https only",
            "127.0.0.1/hook, a URL without a scheme",
            "http:///nohost, names no host",
            "http://user:pw@127.0.0.1/hook, user name or password",
            "http://crm.invalid/hook, could not be resolved"})
    void urlsThatAreNotHttpTargetsAre422(String url, String why) {
        as(ADMIN).body(request(url)).post("/api/admin/webhooks").then().statusCode(422)
                .contentType("application/problem+json").body("detail", containsString(why));
    }

    @Test
    void aTooLongUrlIs422AndUnknownEventTypesAre400() {
        String tooLong = "http://127.0.0.1/" + "a".repeat(2048);
        as(ADMIN).body(request(tooLong)).post("/api/admin/webhooks").then().statusCode(422)
                .body("detail", containsString("at most 2048"));
        as(ADMIN).body(Map.of("url", "http://127.0.0.1/", "eventTypes", List.of("touchpoint.deleted")))
                .post("/api/admin/webhooks").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("touchpoint.deleted"));
        as(ADMIN).body(Map.of("url", "http://127.0.0.1/", "eventTypes", List.of())).post("/api/admin/webhooks")
                .then().statusCode(400);
    }

    @Test
    void onlyAdminsChangeEndpointsAndAdvisorsSeeNone() {
        as(SUPERVISOR).body(request("http://127.0.0.1/")).post("/api/admin/webhooks").then().statusCode(403);
        as(ADVISOR).get("/api/admin/webhooks").then().statusCode(403);
        as(SUPERVISOR).get("/api/admin/webhooks").then().statusCode(200);
        io.restassured.RestAssured.given().get("/api/admin/webhooks").then().statusCode(401);
    }
}

package io.tandem.audit;

import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.anonymous;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.customer;
import static io.tandem.testing.Api.newSession;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tandem.testing.RelayClient;
import java.net.URI;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.TestTokens;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Supervisors' reads of recordings and exports are audited; supervisors and admins read the log, nobody else. */
@QuarkusTest
class AuditLogTest {

    private static final String SUPERVISOR = TestTokens.supervisor1();

    @TestHTTPResource("/")
    URI base;

    @Test
    void aSupervisorWatchingLiveIsAuditedAndTheAdvisorIsNot() {
        JsonPath created = newSession(TestTokens.advisor1(), "Watched Wanda");
        String id = created.getString("id");
        admit(created.getString("code"));
        try (RelayClient advisor = RelayClient.staff(base, id, TestTokens.advisor1()).hello()) {
            as(SUPERVISOR).queryParam("session", id).get("/api/audit").then().body("total", equalTo(0));
            try (RelayClient watcher = RelayClient.staff(base, id, SUPERVISOR).hello()) {
                as(SUPERVISOR).queryParam("session", id).get("/api/audit").then().body("total", equalTo(1))
                        .body("items[0].action", equalTo("watch")).body("items[0].actorName",
                                equalTo("Sam Supervisor"));
            }
        }
    }

    @Test
    void replaysAndExportsAreAuditedWithWhoAndWhat() {
        JsonPath created = newSession(TestTokens.advisor1(), "Audited Agnes");
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        as(TestTokens.advisor1()).body(Map.of("outcome", "resolved")).post("/api/sessions/" + id + "/end").then()
                .statusCode(200);

        as(SUPERVISOR).get("/api/sessions/" + id + "/recording").then().statusCode(200);
        as(SUPERVISOR).queryParam("session", id).get("/api/audit").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].action", equalTo("replay"))
                .body("items[0].actorName", equalTo("Sam Supervisor")).body("items[0].sessionId", equalTo(id))
                // names, not ids, for the sentence a supervisor reads
                .body("items[0].customerName", equalTo("Audited Agnes"))
                .body("items[0].sessionAdvisorName", equalTo(TestTokens.ADVISOR1_NAME))
                .body("items[0].sessionStartedAt", org.hamcrest.Matchers.notNullValue());
        as(TestTokens.advisor1()).get("/api/sessions/" + id + "/recording").then().statusCode(403);
        as(SUPERVISOR).queryParam("session", id).get("/api/audit").then().body("total", equalTo(1));

        as(SUPERVISOR).queryParam("outcome", "resolved").get("/api/sessions/export.csv").then().statusCode(200);
        as(SUPERVISOR).queryParam("action", "export").get("/api/audit").then().statusCode(200)
                .body("items[0].action", equalTo("export"))
                .body("items[0].detail", containsString("outcome=resolved"));

        as(TestTokens.staff("sub-admin1", "admin1", "Ada Admin", "admin")).get("/api/audit").then().statusCode(200);
        as(TestTokens.advisor1()).get("/api/audit").then().statusCode(403).contentType("application/problem+json");
        customer(credential).get("/api/audit").then().statusCode(403);
        anonymous().get("/api/audit").then().statusCode(401);
        as(SUPERVISOR).queryParam("action", "delete").get("/api/audit").then().statusCode(400)
                .contentType("application/problem+json");
        as(SUPERVISOR).queryParam("session", "x").get("/api/audit").then().statusCode(400);
    }
}

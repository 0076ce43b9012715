package io.tandem.session.rest;

import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.TestTokens;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The session log as CSV for supervisors, safe against formula injection. */
@QuarkusTest
class SessionExportTest {

    @Test
    void supervisorsExportTheSessionLogWithFormulaCellsDefusedAndAdvisorsCannot() {
        JsonPath created = newSession(TestTokens.advisor1(), "=HYPERLINK(\"http://evil.example\",\"x\")");
        String id = created.getString("id");
        admit(created.getString("code"));
        as(TestTokens.advisor1()).body(Map.of("outcome", "follow_up", "notes", "+1 call back, \"Tuesday\""))
                .post("/api/sessions/" + id + "/end").then().statusCode(200);

        String csv = as(TestTokens.supervisor1()).queryParam("status", "ended").get("/api/sessions/export.csv")
                .then().statusCode(200).contentType("text/csv").header("Content-Disposition",
                        "attachment; filename=\"tandem-sessions.csv\"")
                .extract().asString();
        assertTrue(csv.startsWith("\"id\",\"created\",\"started\",\"ended\",\"status\",\"advisor\",\"customer\""), csv);
        String row = csv.lines().filter(l -> l.startsWith("\"" + id + "\"")).findFirst().orElseThrow();
        assertTrue(row.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""), row);
        assertTrue(row.contains("\"'+1 call back, \"\"Tuesday\"\"\""), row);
        assertTrue(row.contains("\"follow_up\""), row);
        // keys for machines, words for people reading the sheet
        assertTrue(csv.lines().findFirst().orElseThrow().endsWith("\"notes\",\"status_label\",\"outcome_label\""), csv);
        assertTrue(row.endsWith("\"Ended\",\"Follow-up needed\""), row);
        assertTrue(row.contains("\"" + TestTokens.ADVISOR1_NAME + "\""), row);

        as(TestTokens.advisor1()).get("/api/sessions/export.csv").then().statusCode(403);
        as(TestTokens.supervisor1()).queryParam("status", "nonsense").get("/api/sessions/export.csv").then()
                .statusCode(400);
    }
}

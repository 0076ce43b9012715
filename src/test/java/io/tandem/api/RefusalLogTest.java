package io.tandem.api;

import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.anonymous;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.customer;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import io.tandem.testing.LogLines;
import io.tandem.testing.TestTokens;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every refused HTTP request leaves one short log line (issue 19 item 15, "refusals logged"): the path, the status and
 * why, no stack trace and nothing of the credential.
 */
@QuarkusTest
class RefusalLogTest {

    private static List<LogLines.Line> refusals(LogLines log, String path) {
        return log.containing("Refused " + path + ":");
    }

    @Test
    void eachRefusedRequestIsOneShortLine() {
        String credential = admit(newSession(TestTokens.advisor1(), "Logged Lou").getString("code"));
        try (LogLines log = new LogLines()) {
            anonymous().get("/api/sessions").then().statusCode(401);
            as(TestTokens.advisor1()).get("/api/admin/settings").then().statusCode(403);
            customer(credential).get("/api/customers").then().statusCode(403);

            List<LogLines.Line> anonymousLines = refusals(log, "/api/sessions");
            assertEquals(1, anonymousLines.size(), "one line for the anonymous request: " + anonymousLines);
            assertEquals("Refused /api/sessions: 401, no valid credential", anonymousLines.get(0).text());
            List<LogLines.Line> roleLines = refusals(log, "/api/admin/settings");
            assertEquals(1, roleLines.size(), "one line for the advisor on an admin endpoint: " + roleLines);
            List<LogLines.Line> customerLines = refusals(log, "/api/customers");
            assertEquals(1, customerLines.size(), "one line for the customer on a staff endpoint: " + customerLines);
            for (LogLines.Line line : List.of(anonymousLines.get(0), roleLines.get(0), customerLines.get(0))) {
                assertNull(line.thrown(), "no stack trace: " + line);
                assertEquals("INFO", line.level(), line.toString());
                assertEquals(-1, line.text().indexOf(credential), "the credential is not logged");
            }
        }
    }
}

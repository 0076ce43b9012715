package io.tandem.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tandem.testing.TestPorts;
import io.tandem.testing.TestTokens;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The firm's site on another origin may call the three public endpoints tandem.js needs, and nothing else; other
 * origins get no CORS headers anywhere. The browser side of this is CrossOriginSiteTest.
 */
@QuarkusTest
class SiteCorsTest {

    private static final String SITE = TestPorts.site();
    private static final String FOREIGN = "https://evil.example";

    @Test
    void preflightFromTheSiteAllowsJsonPostsAndThePollToken() {
        for (String path : new String[]{"/api/help-requests", "/api/help-requests/5b0d1c2e-0000-4000-8000-000000000000",
                "/api/join/consent"}) {
            given().header("Origin", SITE).header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "content-type,x-poll-token")
                    .options(path).then().statusCode(204)
                    .header("Access-Control-Allow-Origin", SITE)
                    .header("Access-Control-Allow-Methods", SiteCors.ALLOWED_METHODS)
                    .header("Access-Control-Allow-Headers", SiteCors.ALLOWED_HEADERS)
                    .header("Access-Control-Allow-Credentials", nullValue());
        }
    }

    @Test
    void theCallTileMayFetchItsSignalingTokenAndIceServersWithTheCustomersCredential() {
        String session = "/api/sessions/5b0d1c2e-0000-4000-8000-000000000000";
        for (String[] call : new String[][]{{session + "/signaling-token", "POST"},
                {session + "/ice-servers", "GET"}}) {
            given().header("Origin", SITE).header("Access-Control-Request-Method", call[1])
                    .header("Access-Control-Request-Headers", "authorization")
                    .options(call[0]).then().statusCode(204)
                    .header("Access-Control-Allow-Origin", SITE)
                    .header("Access-Control-Allow-Headers", SiteCors.ALLOWED_HEADERS)
                    .header("Access-Control-Allow-Credentials", nullValue());
            given().header("Origin", FOREIGN).header("Access-Control-Request-Method", call[1])
                    .options(call[0]).then().statusCode(204)
                    .header("Access-Control-Allow-Origin", nullValue());
        }
        // a refusal is readable by the site too (the tile shows it), and still a refusal
        given().header("Origin", SITE).header("Authorization", "Customer not-a-credential")
                .post(session + "/signaling-token").then().statusCode(401)
                .header("Access-Control-Allow-Origin", SITE);
    }

    @Test
    void preflightFromAForeignOriginGetsNoCorsHeaders() {
        given().header("Origin", FOREIGN).header("Access-Control-Request-Method", "POST")
                .options("/api/help-requests").then().statusCode(204)
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Allow-Methods", nullValue());
    }

    @Test
    void helpRequestFromTheSiteIsReadableCrossOriginAndFromElsewhereIsNot() {
        given().header("Origin", SITE).contentType(ContentType.JSON).post("/api/help-requests").then()
                .statusCode(201).header("Access-Control-Allow-Origin", SITE).header("Vary", equalTo("Origin"));
        given().header("Origin", FOREIGN).contentType(ContentType.JSON).post("/api/help-requests").then()
                .statusCode(201).header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void staffApiIsNeverOpenedCrossOrigin() {
        given().header("Origin", SITE).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .options("/api/sessions").then()
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", SITE).header("Authorization", "Bearer " + TestTokens.advisor1())
                .get("/api/sessions").then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void consentErrorsCarryCorsHeadersSoTheSiteCanShowThem() {
        given().header("Origin", SITE).contentType(ContentType.JSON)
                .body(Map.of("ticket", "not-a-ticket", "accept", true)).post("/api/join/consent").then()
                .statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400))
                .contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", SITE);
    }
}

package io.tandem.web;

import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PageRoutesTest {

    @Test
    void joinPageIsServedWithItsScript() {
        RestAssured.get("/join").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("id=\"consent\""))
                .body(containsString("/join/join.js"));
        RestAssured.get("/join/join.js").then().statusCode(200).body(containsString("/api/join/consent"));
        RestAssured.get("/").then().statusCode(200).body(containsString("Tandem"));
    }

    @Test
    void consoleJoinAndSupervisorPagesCarryTheMirrorContentSecurityPolicy() {
        for (String path : new String[]{"/console/", "/join", "/join/index.html", "/supervisor/"}) {
            RestAssured.get(path).then().statusCode(200)
                    .header("Content-Security-Policy", containsString("default-src 'self'"))
                    .header("Content-Security-Policy", containsString("script-src 'self'"))
                    .header("Content-Security-Policy", containsString("base-uri 'none'"))
                    .header("Content-Security-Policy", containsString("frame-src 'self'"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("Referrer-Policy", "no-referrer") // the join page's address never leaves as a referrer
                    .header("X-Frame-Options", "DENY");
        }
    }

    @Test
    void theLandingPageTheDemoSiteAndTandemJsCarrySecurityHeaders() {
        for (String path : new String[]{"/", "/index.html", "/css/tandem.css"}) {
            RestAssured.get(path).then().statusCode(200)
                    .header("Content-Security-Policy", containsString("default-src 'self'"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("X-Content-Type-Options", "nosniff")
                    .header("X-Frame-Options", "DENY");
        }
        RestAssured.get("/demo/").then().statusCode(200).header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "strict-origin-when-cross-origin");
        // loaded by the firm's pages from another origin
        RestAssured.get("/tandem.js").then().statusCode(200).contentType(containsString("javascript"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Cross-Origin-Resource-Policy", "cross-origin");
    }
}

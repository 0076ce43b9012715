package io.tandem.settings;

import static io.restassured.RestAssured.given;
import static io.tandem.testing.Api.as;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.tandem.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Admins set the firm's branding at run time; the public endpoint serves it; bad names, colours and logos are refused. */
@QuarkusTest
class BrandingResourceTest {

    static final String ADMIN = TestTokens.staff("sub-admin1", "admin1", "Dev Diaz", "admin", "supervisor");
    /** A 1×1 PNG. */
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    @Inject
    Pool db;

    @Inject
    Branding branding;

    @AfterEach
    void restoreDefaults() {
        db.query("delete from branding").execute().await().indefinitely();
        branding.reload().await().indefinitely();
    }

    @Test
    void theConfiguredDefaultsArePublicAndBrieflyCacheable() {
        given().get("/api/branding").then().statusCode(200).body("name", equalTo("Harbor Mutual"))
                .body("colour", equalTo("#163a63")).body("textColour", equalTo("#ffffff"))
                .body("logoUrl", nullValue()).body("updatedBy", nullValue())
                .header("Cache-Control", "public, max-age=60").header("Access-Control-Allow-Origin", "*");
        given().get("/api/branding/logo").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anAdminSetsNameAndColourTheTextColourKeepsContrastAndTheChangeIsAudited() {
        as(ADMIN).body(Map.of("name", "  Northwind Bank ", "colour", "#F5D000")).put("/api/admin/branding").then()
                .statusCode(200).body("name", equalTo("Northwind Bank")).body("colour", equalTo("#f5d000"))
                .body("textColour", equalTo("#111827")).body("updatedBy", equalTo("admin1"));
        given().get("/api/branding").then().body("name", equalTo("Northwind Bank"))
                .body("colour", equalTo("#f5d000")).body("textColour", equalTo("#111827"));
        as(ADMIN).body(Map.of("colour", "#0b5d1e")).put("/api/admin/branding").then().statusCode(200)
                .body("name", equalTo("Northwind Bank")).body("textColour", equalTo("#ffffff"));
        as(TestTokens.supervisor1()).get("/api/admin/branding").then().statusCode(200)
                .body("colour", equalTo("#0b5d1e"));
        as(ADMIN).get("/api/audit?action=branding").then().statusCode(200)
                .body("items[0].detail", equalTo("Changed the primary colour to #0b5d1e."))
                .body("items[1].detail",
                        equalTo("Changed the firm's name to \u201cNorthwind Bank\u201d and the primary colour to #f5d000."))
                .body("items[0].actorName", equalTo("Dev Diaz"));
    }

    @Test
    void badNamesAndColoursAreRefusedWithProblemsAndChangeNothing() {
        for (String body : new String[]{"{\"colour\":\"red\"}", "{\"colour\":\"#fff\"}",
                "{\"colour\":\"#12345g\"}", "{\"colour\":\"#123456;background:url(x)\"}", "{\"name\":\"\"}",
                "{\"name\":\"   \"}", "{\"name\":\"Two\\nlines\"}", "{\"name\":\"" + "x".repeat(81) + "\"}",
                "{\"surprise\":true}", "{"}) {
            as(ADMIN).body(body).put("/api/admin/branding").then().statusCode(400)
                    .contentType("application/problem+json").body("detail", notNullValue());
        }
        as(TestTokens.supervisor1()).body(Map.of("name", "Nope")).put("/api/admin/branding").then().statusCode(403)
                .contentType("application/problem+json");
        as(TestTokens.advisor1()).get("/api/admin/branding").then().statusCode(403);
        given().contentType("application/json").body(Map.of("name", "Nope")).put("/api/admin/branding").then()
                .statusCode(401).contentType("application/problem+json");
        given().get("/api/branding").then().body("name", equalTo("Harbor Mutual")).body("colour", equalTo("#163a63"));
    }

    @Test
    void aPngLogoIsServedWithItsTypeAndASandboxAndCanBeRemoved() {
        String url = as(ADMIN).contentType("image/png").body(PNG).put("/api/admin/branding/logo").then()
                .statusCode(200).body("logoUrl", startsWith("/api/branding/logo?v=")).extract().path("logoUrl");
        given().get("/api/branding").then().body("logoUrl", equalTo(url));
        byte[] served = given().get(url).then().statusCode(200).contentType("image/png")
                .header("Content-Security-Policy", containsString("sandbox"))
                .header("X-Content-Type-Options", "nosniff").extract().asByteArray();
        assertArrayEquals(PNG, served);
        as(ADMIN).get("/api/audit?action=branding").then()
                .body("items[0].detail", equalTo("Changed the logo (PNG, " + PNG.length + " bytes)."));
        as(ADMIN).delete("/api/admin/branding/logo").then().statusCode(200).body("logoUrl", nullValue());
        given().get("/api/branding/logo").then().statusCode(404);
    }

    @Test
    void anSvgLogoLosesItsScriptHandlersAndOutsideReferences() {
        String svg = "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY x \"boom\">]>"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\""
                + " viewBox=\"0 0 10 10\" onload=\"alert(1)\"><script>alert(2)</script>"
                + "<rect width=\"10\" height=\"10\" fill=\"#163a63\" onclick=\"alert(3)\"/>"
                + "<image href=\"https://evil.example/x.png\"/><use xlink:href=\"javascript:alert(4)\"/>"
                + "<foreignObject><iframe src=\"https://evil.example\"></iframe></foreignObject>"
                + "<a href=\"javascript:alert(5)\"><text>t</text></a></svg>";
        String url = as(ADMIN).contentType("image/svg+xml").body(svg.getBytes(StandardCharsets.UTF_8))
                .put("/api/admin/branding/logo").then().statusCode(200).extract().path("logoUrl");
        String served = given().get(url).then().statusCode(200).contentType("image/svg+xml")
                .header("Content-Security-Policy",
                        allOf(containsString("sandbox"), containsString("default-src 'none'")))
                .extract().asString();
        assertTrue(served.startsWith("<svg") && served.contains("<rect"), served);
        for (String gone : new String[]{"script", "alert", "onload", "onclick", "evil.example", "foreignObject",
                "ENTITY", "javascript:"}) {
            assertFalse(served.contains(gone), gone + " in " + served);
        }
    }

    @Test
    void logosOfOtherKindsOrTooLargeAreRefusedWithProblems() {
        byte[] gif = "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1);
        as(ADMIN).contentType("image/gif").body(gif).put("/api/admin/branding/logo").then().statusCode(415)
                .contentType("application/problem+json")
                .body("detail", equalTo("The logo must be a PNG, SVG, JPEG or WebP image."));
        as(ADMIN).contentType("image/png").body("<html><body>not a logo</body></html>".getBytes())
                .put("/api/admin/branding/logo").then().statusCode(415).contentType("application/problem+json");
        as(ADMIN).contentType("image/png").body(new byte[0]).put("/api/admin/branding/logo").then().statusCode(415);
        byte[] big = new byte[BrandingResource.MAX_LOGO_BYTES + 1];
        System.arraycopy(PNG, 0, big, 0, PNG.length);
        as(ADMIN).contentType("image/png").body(big).put("/api/admin/branding/logo").then().statusCode(413)
                .contentType("application/problem+json").body("detail", containsString("256 KB"));
        as(TestTokens.supervisor1()).contentType("image/png").body(PNG).put("/api/admin/branding/logo").then()
                .statusCode(403);
        given().get("/api/branding").then().body("logoUrl", nullValue());
        given().get("/api/branding").then().body("name", not(equalTo("")));
    }
}

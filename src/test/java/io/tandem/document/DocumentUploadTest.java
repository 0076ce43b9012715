package io.tandem.document;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.tandem.testing.PdfFixtures;
import io.tandem.testing.TestTokens;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Uploads: the content decides the type; oversized, foreign, corrupt and duplicate uploads get clear problems. */
@QuarkusTest
class DocumentUploadTest {

    static final String ADVISOR1 = TestTokens.advisor1();
    static final String ADMIN = TestTokens.staff("admin-1", "admin1", "Ada Admin", "admin");
    /** The test profile's tandem.documents.max-bytes. */
    static final int MAX = 2 * 1024 * 1024;

    @TestHTTPResource("/api/documents")
    URI documents;

    static RequestSpecification upload(String token, byte[] body) {
        return given().auth().oauth2(token).contentType("application/octet-stream").body(body)
                .queryParam("version", "2026-01").queryParam("language", "en");
    }

    static ValidatableResponse uploadNew(String token, String title, byte[] body) {
        return upload(token, body).queryParam("title", title).queryParam("productLine", "Home").post("/api/documents")
                .then();
    }

    static void problem(ValidatableResponse r, int status, String type) {
        r.statusCode(status).contentType("application/problem+json")
                .body("type", equalTo("urn:tandem:problem:" + type))
                .body(not(containsString("Exception")));
    }

    @Test
    void aPdfIsStoredWithItsHashPagesAndMetadataAndServedWithAFixedType() throws Exception {
        byte[] pdf = PdfFixtures.policy("Home Cover " + UUID.randomUUID(), 3);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf));
        // declared as text/plain: the bytes decide
        String id = given().auth().oauth2(ADVISOR1).contentType("text/plain").body(pdf)
                .queryParam("title", "Home Cover").queryParam("productLine", "Home insurance")
                .queryParam("version", "2026-01").queryParam("language", "en").post("/api/documents").then()
                .statusCode(201).body("contentType", equalTo("application/pdf")).body("pages", equalTo(3))
                .body("sha256", equalTo(sha)).body("size", equalTo(pdf.length)).body("number", equalTo(1))
                .body("title", equalTo("Home Cover")).body("productLine", equalTo("Home insurance"))
                .body("version", equalTo("2026-01")).body("language", equalTo("en"))
                .extract().path("id");
        byte[] served = given().auth().oauth2(ADVISOR1).get("/api/documents/versions/" + id + "/content").then()
                .statusCode(200).header("Content-Type", "application/pdf")
                .header("X-Content-Type-Options", "nosniff")
                // opened on its own (not through pdf.js), it runs nothing and loads nothing
                .header("Content-Security-Policy", containsString("sandbox"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .extract().asByteArray();
        assertTrue(Arrays.equals(pdf, served));
    }

    @Test
    void uploadsLargerThanTheJsonLimitButWithinTheDocumentLimitAreAccepted() {
        byte[] pdf = PdfFixtures.policy("Large", 1, 1_500_000);
        assertTrue(pdf.length > 1_400_000 && pdf.length < MAX);
        uploadNew(ADVISOR1, "Large policy", pdf).statusCode(201).body("pages", equalTo(1));
    }

    @Test
    void oversizedUploadsAre413WhetherDeclaredOrStreamed() throws Exception {
        byte[] big = PdfFixtures.policy("Too big", 1, MAX);
        problem(uploadNew(ADVISOR1, "Too big", big), 413, "payload-too-large");
        // streamed without a length: cut off once the limit passes
        HttpRequest request = HttpRequest
                .newBuilder(URI.create(documents + "?title=x&productLine=y&version=1&language=en"))
                .header("Authorization", "Bearer " + ADVISOR1)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(413, response.statusCode(), response.body());
            assertTrue(response.body().contains("payload-too-large"), response.body());
        } catch (java.io.IOException cutOff) {
            // the server closed the connection while the body was still streaming: refused, as required
        }
        given().auth().oauth2(ADVISOR1).queryParam("query", "Too big").get("/api/documents").then()
                .statusCode(200).body("total", equalTo(0));
    }

    @Test
    void anythingButPdfOrHtmlIs415WhateverItClaimsToBe() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
        problem(given().auth().oauth2(ADVISOR1).contentType("application/pdf").body(png)
                .queryParam("title", "policy.pdf").queryParam("productLine", "Home").queryParam("version", "1")
                .queryParam("language", "en").post("/api/documents").then(), 415, "unsupported-media-type");
        problem(uploadNew(ADVISOR1, "Plain", "just some text".getBytes(StandardCharsets.UTF_8)), 415,
                "unsupported-media-type");
        problem(uploadNew(ADVISOR1, "Zip", new byte[]{'P', 'K', 3, 4, 0, 0}), 415, "unsupported-media-type");
        problem(uploadNew(ADVISOR1, "Empty", new byte[0]), 415, "unsupported-media-type");
    }

    @Test
    void aCorruptPdfIs422() {
        byte[] pdf = PdfFixtures.policy("Cut", 3);
        problem(uploadNew(ADVISOR1, "Truncated", Arrays.copyOf(pdf, pdf.length / 3)), 422, "corrupt-document");
        problem(uploadNew(ADVISOR1, "Garbage", "%PDF-1.7\nthis is not a pdf at all\n%%EOF".getBytes(
                StandardCharsets.US_ASCII)), 422, "corrupt-document");
    }

    @Test
    void htmlIsSanitisedOnUpload() {
        String dirty = "<!DOCTYPE html><html><head><title>Travel cover</title><script>alert(1)</script>"
                + "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\"><base href=\"https://evil.example/\">"
                + "</head><body><h1 id=\"c7\" onclick=\"steal()\">Clause 7</h1>"
                + "<p onmouseover=\"x()\">Luggage is covered.<img src=\"https://evil.example/t.gif\" onerror=\"y()\"></p>"
                + "<a href=\"javascript:alert(2)\">click</a><a href=\"https://insurer.example/terms\">terms</a>"
                + "<iframe srcdoc=\"<script>z()</script>\"></iframe><style>@import url(https://evil.example/x.css)</style>"
                + "</body></html>";
        String id = uploadNew(ADVISOR1, "Travel cover " + UUID.randomUUID(), dirty.getBytes(StandardCharsets.UTF_8))
                .statusCode(201).body("contentType", equalTo("text/html")).extract().path("id");
        String served = given().auth().oauth2(ADVISOR1).get("/api/documents/versions/" + id + "/content").then()
                .statusCode(200).header("Content-Type", containsString("text/html"))
                .header("Content-Security-Policy", containsString("sandbox"))
                .header("X-Content-Type-Options", "nosniff").extract().asString();
        for (String gone : new String[]{"<script", "alert", "onclick", "onmouseover", "onerror", "javascript:",
                "evil.example", "<iframe", "srcdoc", "<meta http-equiv", "<base", "@import"}) {
            assertFalse(served.contains(gone), gone + " survived: " + served);
        }
        assertTrue(served.contains("<h1 id=\"c7\">Clause 7</h1>"), served);
        assertTrue(served.contains("Luggage is covered."), served);
        assertTrue(served.contains("href=\"https://insurer.example/terms\""), served);
        assertTrue(served.contains("<title>Travel cover</title>"), served);
    }

    @Test
    void duplicatesAre409NamingTheStoredVersionAndNewVersionsAreKept() {
        String title = "Motor " + UUID.randomUUID();
        byte[] v1 = PdfFixtures.policy(title, 2);
        var first = uploadNew(ADVISOR1, title, v1).statusCode(201).extract().jsonPath();
        String documentId = first.getString("documentId");
        String v1Id = first.getString("id");
        problem(uploadNew(ADVISOR1, title + " again", v1), 409, "duplicate-document");
        uploadNew(ADVISOR1, title, v1).statusCode(409).body("detail", containsString(v1Id));
        problem(upload(ADVISOR1, v1).post("/api/documents/" + documentId + "/versions").then(), 409,
                "duplicate-document");

        byte[] v2 = PdfFixtures.policy(title + " revised", 3);
        String v2Id = given().auth().oauth2(ADMIN).contentType("application/pdf").body(v2)
                .queryParam("version", "2026-07").queryParam("language", "de-CH")
                .post("/api/documents/" + documentId + "/versions").then().statusCode(201)
                .body("number", equalTo(2)).body("documentId", equalTo(documentId)).body("title", equalTo(title))
                .extract().path("id");
        given().auth().oauth2(ADVISOR1).get("/api/documents/" + documentId + "/versions").then().statusCode(200)
                .body("id", equalTo(java.util.List.of(v2Id, v1Id))).body("version", hasItem("2026-07"));
        // the older version can still be read
        given().auth().oauth2(ADVISOR1).get("/api/documents/versions/" + v1Id + "/content").then().statusCode(200);
        // the list shows each document once, at its latest version
        given().auth().oauth2(ADVISOR1).queryParam("query", title.substring(6)).get("/api/documents").then()
                .statusCode(200).body("total", equalTo(1)).body("items", hasSize(1))
                .body("items[0].id", equalTo(v2Id));
    }

    @Test
    void searchMatchesTitleOrProductLineAndPages() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            upload(ADVISOR1, PdfFixtures.policy(tag + i, 1)).queryParam("title", "Policy " + tag + " " + i)
                    .queryParam("productLine", "Life").post("/api/documents").then().statusCode(201);
        }
        upload(ADVISOR1, PdfFixtures.policy(tag + "x", 1)).queryParam("title", "Other")
                .queryParam("productLine", "Pets " + tag).post("/api/documents").then().statusCode(201);
        given().auth().oauth2(ADVISOR1).queryParam("query", tag.toUpperCase()).queryParam("size", 2)
                .get("/api/documents").then().statusCode(200).body("total", equalTo(4)).body("items", hasSize(2));
        given().auth().oauth2(TestTokens.supervisor1()).queryParam("query", "pets " + tag).get("/api/documents").then()
                .statusCode(200).body("total", equalTo(1)).body("items[0].title", equalTo("Other"));
        given().auth().oauth2(ADVISOR1).queryParam("query", "%").queryParam("size", 0).get("/api/documents").then()
                .statusCode(400);
    }

    @Test
    void missingMetadataIs400AndOnlyAdvisorsAndAdminsUpload() {
        byte[] pdf = PdfFixtures.policy("Meta", 1);
        problem(upload(ADVISOR1, pdf).queryParam("productLine", "Home").post("/api/documents").then(), 400,
                "invalid-request");
        problem(given().auth().oauth2(ADVISOR1).body(pdf).queryParam("title", "t").queryParam("productLine", "p")
                .queryParam("version", "1").queryParam("language", "not a tag").post("/api/documents").then(), 400,
                "invalid-request");
        problem(uploadNew(TestTokens.supervisor1(), "By a supervisor", pdf), 403, "forbidden");
        problem(given().body(pdf).queryParam("title", "t").post("/api/documents").then(), 401, "unauthenticated");
        problem(uploadNew("not-a-token", "Forged", pdf), 401, "unauthenticated");
    }
}

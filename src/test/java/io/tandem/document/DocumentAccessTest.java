package io.tandem.document;

import static io.restassured.RestAssured.given;
import static io.tandem.document.DocumentUploadTest.problem;
import static io.tandem.document.DocumentUploadTest.upload;
import static io.tandem.document.DocumentUploadTest.uploadNew;
import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.customer;
import static io.tandem.testing.Api.newSession;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.PdfFixtures;
import io.tandem.testing.TestTokens;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Customers read only documents shared in their own session, only while it is live; staff per role and session. */
@QuarkusTest
class DocumentAccessTest {

    private static final String ADVISOR1 = TestTokens.advisor1();
    private static final String ADVISOR2 = TestTokens.advisor2();
    private static final String SUPERVISOR = TestTokens.supervisor1();

    private static String libraryPdf(String title) {
        return uploadNew(ADVISOR1, title, PdfFixtures.policy(title + UUID.randomUUID(), 2)).statusCode(201).extract()
                .path("id");
    }

    private static void share(String token, String sessionId, String versionId, int status) {
        as(token).body(Map.of("versionId", versionId)).post("/api/sessions/" + sessionId + "/documents").then()
                .statusCode(status);
    }

    private static String content(String versionId) {
        return "/api/documents/versions/" + versionId + "/content";
    }

    @Test
    void aCustomerReadsOnlyWhatWasSharedInTheirSessionAndOnlyWhileItIsLive() {
        String shared = libraryPdf("Shared");
        String notShared = libraryPdf("Not shared");
        JsonPath a = newSession(ADVISOR1, "Doc Dora");
        JsonPath b = newSession(ADVISOR1, "Doc Dan");
        String credA = admit(a.getString("code"));
        String credB = admit(b.getString("code"));
        share(ADVISOR1, a.getString("id"), shared, 201);
        share(ADVISOR1, a.getString("id"), shared, 201); // again: harmless

        customer(credA).get(content(shared)).then().statusCode(200).header("Content-Type", "application/pdf");
        customer(credA).get("/api/sessions/" + a.getString("id") + "/documents").then().statusCode(200)
                .body("", hasSize(1)).body("[0].id", equalTo(shared));
        problem(customer(credA).get(content(notShared)).then(), 403, "forbidden");
        problem(customer(credB).get(content(shared)).then(), 403, "forbidden");
        problem(customer(credB).get("/api/sessions/" + a.getString("id") + "/documents").then(), 403, "forbidden");
        problem(customer(credA).get(content(UUID.randomUUID().toString())).then(), 404, "unknown-document");
        // the library and uploads are staff only
        problem(customer(credA).get("/api/documents").then(), 403, "forbidden");
        problem(customer(credA).get("/api/documents/versions/" + shared).then(), 403, "forbidden");
        problem(given().header("Authorization", "Customer " + credA).body(PdfFixtures.policy("c", 1))
                .queryParam("title", "t").queryParam("productLine", "p").queryParam("version", "1")
                .queryParam("language", "en").post("/api/documents").then(), 403, "forbidden");
        problem(customer(credA).body(Map.of("versionId", shared)).post("/api/sessions/" + a.getString("id")
                + "/documents").then(), 403, "forbidden");

        as(ADVISOR1).body(Map.of("outcome", "policy_explained")).post("/api/sessions/" + a.getString("id") + "/end")
                .then().statusCode(200);
        problem(customer(credA).get(content(shared)).then(), 403, "forbidden");
        problem(customer(credA).get("/api/sessions/" + a.getString("id") + "/documents").then(), 403, "forbidden");
        // sharing into a finished session is refused
        share(ADVISOR1, a.getString("id"), notShared, 409);
    }

    @Test
    void onlyTheSessionsAdvisorSharesAndSessionDocumentsStayInTheirSession() {
        JsonPath s = newSession(ADVISOR1, "Doc Deb");
        String sessionId = s.getString("id");
        String library = libraryPdf("Library");
        share(ADVISOR2, sessionId, library, 403);
        share(SUPERVISOR, sessionId, library, 403);

        // a customer-specific document, uploaded for this session only
        String title = "Quote for Deb " + UUID.randomUUID();
        String own = upload(ADVISOR1, PdfFixtures.policy(title, 1)).queryParam("title", title)
                .queryParam("productLine", "Home").queryParam("sessionId", sessionId).post("/api/documents").then()
                .statusCode(201).body("sessionId", equalTo(sessionId)).extract().path("id");
        problem(upload(ADVISOR2, PdfFixtures.policy("x" + title, 1)).queryParam("title", "x")
                .queryParam("productLine", "Home").queryParam("sessionId", sessionId).post("/api/documents").then(),
                403, "forbidden");
        as(ADVISOR1).queryParam("query", title).get("/api/documents").then().statusCode(200).body("total", equalTo(0));
        as(ADVISOR1).queryParam("query", title).queryParam("sessionId", sessionId).get("/api/documents").then()
                .statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo(own));
        problem(as(ADVISOR2).queryParam("sessionId", sessionId).get("/api/documents").then(), 403, "forbidden");
        problem(as(ADVISOR2).get(content(own)).then(), 403, "forbidden");
        as(SUPERVISOR).get(content(own)).then().statusCode(200);
        as(ADVISOR2).get(content(library)).then().statusCode(200);

        // it cannot be shared into another session
        JsonPath other = newSession(ADVISOR1, "Doc Other");
        share(ADVISOR1, other.getString("id"), own, 403);
        share(ADVISOR1, sessionId, own, 201);
        String cred = admit(s.getString("code"));
        customer(cred).get(content(own)).then().statusCode(200);
    }

    @Test
    void theCustomerSignsOffAClauseWithTheDocumentsHashAndStaffSeeIt() {
        String version = libraryPdf("Sign-off");
        String sha = as(ADVISOR1).get("/api/documents/versions/" + version).then().extract().path("sha256");
        JsonPath s = newSession(ADVISOR1, "Doc Sign");
        String sessionId = s.getString("id");
        String cred = admit(s.getString("code"));
        String ack = "/api/sessions/" + sessionId + "/documents/" + version + "/acknowledgements";
        Map<String, String> body = Map.of("clause", "Clause 2.1", "name", "  Doc Sign ");
        problem(customer(cred).body(body).post(ack).then(), 403, "forbidden"); // not shared yet
        share(ADVISOR1, sessionId, version, 201);
        customer(cred).body(body).post(ack).then().statusCode(201).body("sha256", equalTo(sha))
                .body("name", equalTo("Doc Sign")).body("clause", equalTo("Clause 2.1"));
        problem(customer(cred).body(Map.of("clause", "", "name", "x")).post(ack).then(), 400, "invalid-request");
        problem(as(ADVISOR1).body(body).post(ack).then(), 403, "forbidden");
        as(ADVISOR1).get("/api/sessions/" + sessionId + "/documents/activity").then().statusCode(200)
                .body("acknowledgements", hasSize(1)).body("acknowledgements[0].sha256", equalTo(sha))
                .body("acknowledgements[0].versionId", equalTo(version));
        problem(as(ADVISOR2).get("/api/sessions/" + sessionId + "/documents/activity").then(), 403, "forbidden");
        as(SUPERVISOR).get("/api/sessions/" + sessionId + "/documents/activity").then().statusCode(200);
    }
}

package io.tandem.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Short-hands for the REST calls most tests start from. Each test uses its own client address via X-Forwarded-For. */
public final class Api {

    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);

    private Api() {}

    public static RequestSpecification as(String token) {
        return given().contentType(ContentType.JSON).auth().oauth2(token);
    }

    public static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON);
    }

    /** A fresh client address, so rate limits of one test never touch another. */
    public static String newClientAddress() {
        int n = NEXT_ADDRESS.getAndIncrement();
        return "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
    }

    public static RequestSpecification customer(String credential) {
        return given().contentType(ContentType.JSON).header("Authorization", "Customer " + credential);
    }

    public static JsonPath newCustomer(String token, String name) {
        return as(token).body(Map.of("name", name)).post("/api/customers").then().statusCode(201).extract()
                .jsonPath();
    }

    /** Creates a session for a new customer; the answer holds id, joinUrl, code, expiresAt. */
    public static JsonPath newSession(String token, String customerName) {
        return as(token).body(Map.of("customer", Map.of("name", customerName), "purpose", "home policy review"))
                .post("/api/sessions").then().statusCode(201).extract().jsonPath();
    }

    public static JsonPath newSessionFor(String token, String customerId) {
        return as(token).body(Map.of("customerId", customerId, "purpose", "car policy review"))
                .post("/api/sessions").then().statusCode(201).extract().jsonPath();
    }

    /** Redeems a code from a fresh client address and returns the consent ticket. */
    public static String redeemCode(String code) {
        return anonymous().header("X-Forwarded-For", newClientAddress()).body(Map.of("code", code))
                .post("/api/join").then().statusCode(200).extract().path("ticket");
    }

    /** Redeems the code, consents, and returns the customer credential. */
    public static String admit(String code) {
        String ticket = redeemCode(code);
        return anonymous().body(Map.of("ticket", ticket, "accept", true)).post("/api/join/consent").then()
                .statusCode(200).extract().path("credential");
    }

    /**
     * Uploads a generated policy document of {@code pages} pages titled {@code title} (English, in {@code productLine}
     * at {@code version}) as the staff member with {@code token}; returns the new version's id.
     */
    public static String uploadPolicy(String token, String title, int pages, String productLine, String version) {
        return given().auth().oauth2(token).contentType("application/pdf").body(PdfFixtures.policy(title, pages))
                .queryParam("title", title).queryParam("productLine", productLine).queryParam("version", version)
                .queryParam("language", "en").post("/api/documents").then().statusCode(201).extract().path("id");
    }

    public static String tokenOf(String joinUrl) {
        return joinUrl.substring(joinUrl.indexOf('#') + 1);
    }
}

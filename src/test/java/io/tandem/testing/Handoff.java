package io.tandem.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;

/**
 * Hands a session to a site page as the join page's workspace does: a one-time code for the credential, put in the
 * page's fragment ({@code #tandem-handoff=<code>}); the page's tandem.js exchanges it once.
 */
public final class Handoff {

    private Handoff() {}

    /** A fragment that hands over a customer's session (usable once, within a minute). */
    public static String fragment(String customerCredential) {
        return "#tandem-handoff=" + code("Customer " + customerCredential);
    }

    /** A fresh one-time code for a credential, with its scheme ({@code Customer ...} or {@code Stage ...}). */
    public static String code(String authorization) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON).body("{}")
                .post("/api/handoff").then().statusCode(201).extract().path("code");
    }
}

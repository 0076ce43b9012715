package io.tandem.staff.signin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import org.junit.jupiter.api.Test;

/** "Sign in again" drops the over sign-in's cookies and leads only back to a console page of this server. */
@QuarkusTest
class ConsoleSessionResetTest {

    /** What a browser sends when the console's own page navigates. */
    private static RequestSpecification navigation() {
        return given().redirects().follow(false).header("Sec-Fetch-Dest", "document")
                .header("Sec-Fetch-Site", "same-origin").header("Accept", "text/html");
    }

    private static Response reset(String next) {
        return navigation().cookie("q_session_console", "stale")
                .cookie("q_session_console_chunk_1", "x")
                .cookie("other", "kept").queryParam("next", next).get("/sign-in-again");
    }

    @Test
    void dropsTheSessionCookiesAndGoesBackToTheSameConsolePage() {
        Response response = reset("/console/?session=5b7c0f7e-0000-4000-8000-000000000001");
        response.then().statusCode(303)
                .header("Location", equalTo("/console/?session=5b7c0f7e-0000-4000-8000-000000000001"))
                .header("Cache-Control", equalTo("no-store"));
        List<String> cleared = response.getHeaders().getValues("Set-Cookie");
        assertEquals(List.of("q_session_console=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax",
                "q_session_console_chunk_1=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"),
                cleared.stream().sorted()
                        .toList());
        reset("/supervisor/").then().statusCode(303).header("Location", equalTo("/supervisor/"));
    }

    @Test
    void leadsNowhereElse() {
        for (String next : new String[]{"https://evil.example/console/", "//evil.example/console/", "/console//evil",
                "/api/sessions", "/console/\\evil.example", "javascript:alert(1)", "", "/consolex",
                "/console/../api/sessions", "/console/..", "/supervisor/./../q/metrics", "/console/..?x=1"}) {
            reset(next).then().statusCode(303).header("Location", equalTo("/console/"));
        }
        navigation().get("/sign-in-again").then().statusCode(303).header("Location",
                equalTo("/console/"));
    }

    @Test
    void staffPagesAreNeverTakenFromTheBrowsersCache() {
        for (String page : new String[]{"/console/", "/console/index.html", "/supervisor/"}) {
            given().get(page).then().statusCode(200).header("Cache-Control", equalTo("no-store"));
        }
    }

    @Test
    void onlyANavigationOfTandemsOwnPagesSignsOutOrDropsTheSession() {
        // what a mirrored or replayed <img>, <link rel=stylesheet>, <iframe> or a page of another site sends
        String[][] refused = {{"image", "same-origin"}, {"style", "same-origin"}, {"iframe", "same-origin"},
                {"script", "same-origin"}, {"empty", "same-origin"}, {"document", "cross-site"},
                {"document", "same-site"}};
        for (String path : new String[]{"/sign-in-again", "/console/sign-out"}) {
            for (String[] r : refused) {
                given().redirects().follow(false).cookie("q_session_console", "stale")
                        .header("Sec-Fetch-Dest", r[0]).header("Sec-Fetch-Site", r[1]).get(path).then()
                        .statusCode(403).contentType("application/problem+json")
                        .header("Set-Cookie", org.hamcrest.Matchers.nullValue());
            }
            // no Sec-Fetch-* (plain http to another host): only a request for a page passes
            given().redirects().follow(false).header("Accept", "image/avif,image/webp,*/*").get(path).then()
                    .statusCode(403);
        }
        given().redirects().follow(false).header("Accept", "text/html,application/xhtml+xml").get("/sign-in-again")
                .then().statusCode(303);
        given().redirects().follow(false).header("Sec-Fetch-Dest", "document").header("Sec-Fetch-Site", "none")
                .get("/sign-in-again").then().statusCode(303); // a typed address
    }
}

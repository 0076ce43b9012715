package io.tandem.staff.signin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/** "Sign in again" drops the over sign-in's cookies and leads only back to a console page of this server. */
@QuarkusTest
class ConsoleSessionResetTest {

    private static Response reset(String next) {
        return given().redirects().follow(false).cookie("q_session_console", "stale")
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
        given().redirects().follow(false).get("/sign-in-again").then().statusCode(303).header("Location",
                equalTo("/console/"));
    }

    @Test
    void staffPagesAreNeverTakenFromTheBrowsersCache() {
        for (String page : new String[]{"/console/", "/console/index.html", "/supervisor/"}) {
            given().get(page).then().statusCode(200).header("Cache-Control", equalTo("no-store"));
        }
    }
}

package io.tandem.api;

import static io.tandem.testing.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.tandem.testing.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Page coordinates of every paged list: a value that is not a whole number is a 400 naming it, never a 404. */
@QuarkusTest
class PagingParametersTest {

    private static final String[] LISTS = {"/api/sessions", "/api/customers", "/api/documents", "/api/audit",
            "/api/customers/" + UUID.randomUUID() + "/timeline"};

    @Test
    void aPageOrSizeThatIsNotAWholeNumberIsA400NamingIt() {
        for (String list : LISTS) {
            for (String page : new String[]{"99999999999", "abc", "1.5", "-1"}) {
                as(TestTokens.supervisor1()).queryParam("page", page).get(list).then().statusCode(400)
                        .contentType("application/problem+json")
                        .body("type", equalTo("urn:tandem:problem:invalid-request"))
                        .body("detail", containsString("page"));
            }
            for (String size : new String[]{"99999999999", "ten", "0"}) {
                as(TestTokens.supervisor1()).queryParam("size", size).get(list).then().statusCode(400)
                        .contentType("application/problem+json")
                        .body("detail", containsString("size"));
            }
        }
        as(TestTokens.supervisor1()).queryParam("page", "0").queryParam("size", "5").get("/api/sessions").then()
                .statusCode(200);
    }
}

package io.tandem.relay;

import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.RelayClient;
import io.tandem.testing.TestTokens;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A staff socket lives exactly as long as its access token: closed with 4401 when it expires, kept open by an
 * in-band renewal (sys.auth) of the same person's token, refused on a bad or foreign renewal. The customer is never
 * affected.
 */
@QuarkusTest
class RelayTokenExpiryTest {

    @TestHTTPResource("/")
    URI base;

    private static String advisor1For(long seconds) {
        return TestTokens.claims("sub-advisor1", "advisor1", "Alice Archer", "advisor")
                .expiresAt(Instant.now().plusSeconds(seconds)).sign();
    }

    private static String auth(String token) {
        return "{\"token\":\"" + token + "\"}";
    }

    @Test
    void anExpiredStaffTokenClosesTheAdvisorWith4401AndTheCustomerStays() {
        JsonPath created = newSession(TestTokens.advisor1(), "Expiring Eve");
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        try (RelayClient customer = RelayClient.customer(base, id, credential).hello();
                RelayClient advisor = RelayClient.staff(base, id, advisor1For(3)).hello()) {
            assertEquals(4401, advisor.closeCode(8));
            customer.sendReliable("dom.snap", null, "{\"still\":\"here\"}");
            assertFalse(customer.isClosed());
            // the advisor signs in again and rejoins: the keyframe is there at once
            try (RelayClient again = RelayClient.staff(base, id, TestTokens.advisor1()).hello()) {
                assertEquals("{\"still\":\"here\"}", again.await("dom.snap").text());
            }
        }
    }

    @Test
    void renewingTheTokenInBandKeepsTheConnectionOpenPastTheFirstExpiry() {
        JsonPath created = newSession(TestTokens.advisor1(), "Renewing Rita");
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        try (RelayClient customer = RelayClient.customer(base, id, credential).hello();
                RelayClient advisor = RelayClient.staff(base, id, advisor1For(3)).hello()) {
            advisor.send("sys.auth", 0, null, auth(advisor1For(300)));
            advisor.drain(4500); // beyond the first token's expiry
            assertFalse(advisor.isClosed(), "closed after a renewal: " + advisor.types());
            customer.sendReliable("dom.snap", null, "{\"after\":\"renewal\"}");
            assertEquals("{\"after\":\"renewal\"}", advisor.await("dom.snap").text());
        }
    }

    @Test
    void aRenewalWithABadOrExpiredTokenIsClosedWith4401() {
        String id = newSession(TestTokens.advisor1(), "Bad Renewal Bo").getString("id");
        String expired = TestTokens.claims("sub-advisor1", "advisor1", "Alice Archer", "advisor")
                .issuedAt(Instant.now().minusSeconds(3600)).expiresAt(Instant.now().minusSeconds(60)).sign();
        for (String bad : new String[]{expired, TestTokens.forged("sub-advisor1", "advisor"), "not-a-jwt"}) {
            try (RelayClient advisor = RelayClient.staff(base, id, TestTokens.advisor1()).hello()) {
                advisor.send("sys.auth", 0, null, auth(bad));
                assertEquals(4401, advisor.closeCode(5));
            }
        }
        try (RelayClient advisor = RelayClient.staff(base, id, TestTokens.advisor1()).hello()) {
            advisor.send("sys.auth", 0, null, "{\"tok\":1}");
            assertEquals(4400, advisor.closeCode(5));
        }
    }

    @Test
    void anotherPersonsTokenCannotTakeOverTheConnection() {
        String id = newSession(TestTokens.advisor1(), "Takeover Tess").getString("id");
        try (RelayClient advisor = RelayClient.staff(base, id, TestTokens.advisor1()).hello()) {
            advisor.send("sys.auth", 0, null, auth(TestTokens.advisor2()));
            assertEquals(4401, advisor.closeCode(5));
        }
    }

    @Test
    void aCustomerCannotSendTokenRenewals() {
        JsonPath created = newSession(TestTokens.advisor1(), "Customer Auth Cy");
        String credential = admit(created.getString("code"));
        try (RelayClient customer = RelayClient.customer(base, created.getString("id"), credential).hello()) {
            customer.send("sys.auth", 0, null, auth(TestTokens.advisor1()));
            assertEquals(4403, customer.closeCode(5));
        }
    }
}

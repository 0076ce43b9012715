package io.tandem.staff.logout;

import static io.restassured.RestAssured.given;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.newSession;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.tandem.testing.RelayClient;
import io.tandem.testing.TestTokens;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Back-channel logout: the identity provider posts a signed logout token, and from then on that session's tokens are
 * refused on the API and at relay upgrades, and its open relay sockets close with 4401; nothing else is affected, and
 * anything that is not a valid logout token changes nothing.
 */
@QuarkusTest
class BackChannelLogoutTest {

    private static final String PATH = "/api/auth/backchannel-logout";

    @TestHTTPResource("/")
    URI base;

    /** An advisor of their own (sign-outs are global state: tests must not sign out each other's people). */
    private record Person(String subject, String username) {
        static Person fresh() {
            String id = UUID.randomUUID().toString().substring(0, 8);
            return new Person("sub-logout-" + id, "logout" + id);
        }

        String token(String sid) {
            return token(sid, Instant.now());
        }

        String token(String sid, Instant issuedAt) {
            JwtClaimsBuilder claims = TestTokens.claims(subject, username, "Lou Gout", "advisor").issuedAt(issuedAt);
            if (sid != null) {
                claims.claim("sid", sid);
            }
            return claims.sign();
        }
    }

    private static JwtClaimsBuilder logoutClaims(String sid, String subject) {
        JwtClaimsBuilder claims = Jwt.issuer(TestTokens.ISSUER).audience("tandem-console").issuedAt(Instant.now())
                .claim("jti", UUID.randomUUID().toString())
                .claim("events", Map.of(LogoutTokenVerifier.EVENT, Map.of()));
        if (sid != null) {
            claims.claim("sid", sid);
        }
        if (subject != null) {
            claims.subject(subject);
        }
        return claims;
    }

    private static io.restassured.response.ValidatableResponse post(String logoutToken) {
        return given().contentType("application/x-www-form-urlencoded").formParam("logout_token", logoutToken)
                .post(PATH).then();
    }

    @Test
    void aLogoutVoidsThatSessionsTokensAndClosesItsSocketsButNothingElse() {
        Person p = Person.fresh();
        String signedOut = p.token("sid-" + p.username + "-a");
        String otherSession = p.token("sid-" + p.username + "-b");
        as(signedOut).get("/api/sessions").then().statusCode(200);
        String id = newSession(otherSession, "Logout Lena").getString("id");
        try (RelayClient doomed = RelayClient.staff(base, id, signedOut).hello()) {
            post(logoutClaims("sid-" + p.username + "-a", p.subject).sign()).statusCode(200);

            assertEquals(4401, doomed.closeCode(3));
            as(signedOut).get("/api/sessions").then().statusCode(401).contentType("application/problem+json");
            assertEquals(401, assertThrows(RelayClient.Refused.class,
                    () -> RelayClient.staff(base, id, signedOut)).status);
        }
        // the same person's other session is untouched, but cannot take up the signed-out token as a renewal
        as(otherSession).get("/api/sessions").then().statusCode(200);
        try (RelayClient survivor = RelayClient.staff(base, id, otherSession).hello()) {
            survivor.drain(300);
            assertFalse(survivor.isClosed());
            survivor.send("sys.auth", 0, null, "{\"token\":\"" + signedOut + "\"}");
            assertEquals(4401, survivor.closeCode(3));
        }
    }

    @Test
    void aLogoutWithoutSidVoidsEveryEarlierTokenOfThatPersonOnly() {
        Person p = Person.fresh();
        Person other = Person.fresh();
        String earlier = p.token(null, Instant.now().minusSeconds(30));
        String someoneElse = other.token(null, Instant.now().minusSeconds(30));
        as(earlier).get("/api/sessions").then().statusCode(200);
        post(logoutClaims(null, p.subject).sign()).statusCode(200);
        as(earlier).get("/api/sessions").then().statusCode(401);
        as(someoneElse).get("/api/sessions").then().statusCode(200);
    }

    @Test
    void anythingButAValidLogoutTokenIsRefusedWith400AndChangesNothing() throws Exception {
        Person p = Person.fresh();
        String sid = "sid-" + p.username;
        String token = p.token(sid);
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"iss\":\"" + TestTokens.ISSUER
                        + "\",\"aud\":\"tandem-console\",\"iat\":" + Instant.now().getEpochSecond() + ",\"sid\":\""
                        + sid + "\",\"events\":{\"" + LogoutTokenVerifier.EVENT + "\":{}}}")
                        .getBytes(StandardCharsets.UTF_8))
                + ".";
        String valid = logoutClaims(sid, p.subject).sign();
        String[] bad = {
                logoutClaims(sid, p.subject).audience("tandem-api").sign(),
                logoutClaims(sid, p.subject).issuer("https://evil.example").sign(),
                logoutClaims(sid, p.subject).jws().keyId("1").sign(generator.generateKeyPair().getPrivate()),
                Jwt.issuer(TestTokens.ISSUER).audience("tandem-console").issuedAt(Instant.now()).claim("sid", sid)
                        .sign(),
                logoutClaims(sid, p.subject).claim("nonce", "n").sign(),
                logoutClaims(sid, p.subject).issuedAt(Instant.now().minusSeconds(3600)).sign(),
                logoutClaims(null, null).sign(),
                valid.substring(0, valid.length() - 4) + "AAAA",
                none,
                "not-a-jwt",
                ""
        };
        for (String logoutToken : bad) {
            post(logoutToken).statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("urn:tandem:problem:invalid-request"));
        }
        given().contentType("application/x-www-form-urlencoded").post(PATH).then().statusCode(400);
        given().contentType("application/json").body("{}").post(PATH).then().statusCode(415);
        as(token).get("/api/sessions").then().statusCode(200);
    }
}

package io.tandem.video;

import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.anonymous;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.customer;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.TestPorts;
import io.tandem.testing.TestTokens;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

/**
 * What a browser gets for the session's call: STUN and short-lived TURN credentials, and a signaling token for this
 * session and role that the published key verifies; only the session's own participants get either.
 */
@QuarkusTest
class VideoResourceTest {

    private static final String ADVISOR1 = TestTokens.advisor1();

    private static JwtClaims verify(String token) throws Exception {
        String jwks = RestAssured.get("/api/signaling/jwks").then().statusCode(200)
                .contentType("application/jwk-set+json").extract().asString();
        return new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                .setExpectedIssuer("tandem").setExpectedAudience(SignalingTokens.AUDIENCE).setRequireExpirationTime()
                .build().processToClaims(token);
    }

    @Test
    void iceServersAreStunAndTurnWithAShortLivedCredentialForThisParticipant() {
        JsonPath created = newSession(ADVISOR1, "Ice Ivy");
        String id = created.getString("id");
        JsonPath ice = as(ADVISOR1).get("/api/sessions/" + id + "/ice-servers").then().statusCode(200).extract()
                .jsonPath();
        List<Map<String, Object>> servers = ice.getList("iceServers");
        assertEquals(2, servers.size());
        assertEquals(List.of("stun:stun.test.example:3478"), servers.get(0).get("urls"));
        assertEquals(List.of("turn:turn.test.example:3478?transport=udp", "turns:turn.test.example:5349"),
                servers.get(1).get("urls"));
        String username = (String) servers.get(1).get("username");
        long expiry = Long.parseLong(username.substring(0, username.indexOf(':')));
        long inAnHour = Instant.now().plusSeconds(3600).getEpochSecond();
        assertTrue(Math.abs(expiry - inAnHour) < 120, "expires in about an hour: " + username);
        assertTrue(username.startsWith(expiry + ":" + id + "."), username);
        assertEquals(TurnCredentials.password("test-only-turn-secret", username), servers.get(1).get("credential"));
        assertEquals(Instant.ofEpochSecond(expiry), Instant.parse(ice.getString("expiresAt")));
    }

    @Test
    void signalingTokensNameTheSessionTheParticipantAndTheRole() throws Exception {
        JsonPath created = newSession(ADVISOR1, "Token Theo");
        String id = created.getString("id");
        String credential = admit(created.getString("code"));

        JsonPath advisor = as(ADVISOR1).post("/api/sessions/" + id + "/signaling-token").then().statusCode(200)
                .extract().jsonPath();
        assertEquals("ws://localhost:" + TestPorts.signaling() + "/signal/" + id, advisor.getString("url"));
        assertEquals("advisor", advisor.getString("role"));
        JwtClaims claims = verify(advisor.getString("token"));
        assertEquals(id, claims.getClaimValue("sid"));
        assertEquals("advisor", claims.getClaimValue("role"));
        assertEquals(advisor.getString("participantId"), claims.getSubject());
        assertTrue(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue() <= 120);

        JwtClaims theCustomer = verify(customer(credential).post("/api/sessions/" + id + "/signaling-token").then()
                .statusCode(200).extract().path("token"));
        assertEquals("customer", theCustomer.getSubject());
        assertEquals("customer", theCustomer.getClaimValue("role"));
        assertEquals("Token Theo", theCustomer.getClaimValue("name"));

        JwtClaims supervisor = verify(as(TestTokens.supervisor1()).post("/api/sessions/" + id + "/signaling-token")
                .then().statusCode(200).extract().path("token"));
        assertEquals("supervisor", supervisor.getClaimValue("role"));
    }

    @Test
    void onlyTheSessionsOwnParticipantsGetIceServersOrTokens() {
        JsonPath mine = newSession(ADVISOR1, "Own Olga");
        JsonPath other = newSession(ADVISOR1, "Other Otto");
        String id = mine.getString("id");
        String otherCredential = admit(other.getString("code"));
        for (String path : new String[]{"/ice-servers", "/signaling-token"}) {
            boolean post = path.equals("/signaling-token");
            var advisor2 = as(TestTokens.advisor2());
            (post ? advisor2.post("/api/sessions/" + id + path) : advisor2.get("/api/sessions/" + id + path)).then()
                    .statusCode(403).contentType("application/problem+json");
            var foreign = customer(otherCredential);
            (post ? foreign.post("/api/sessions/" + id + path) : foreign.get("/api/sessions/" + id + path)).then()
                    .statusCode(403);
            var nobody = anonymous();
            (post ? nobody.post("/api/sessions/" + id + path) : nobody.get("/api/sessions/" + id + path)).then()
                    .statusCode(401);
        }
        as(ADVISOR1).body(Map.of("outcome", "resolved")).post("/api/sessions/" + id + "/end").then().statusCode(200);
        as(ADVISOR1).post("/api/sessions/" + id + "/signaling-token").then().statusCode(410)
                .contentType("application/problem+json").body("type", org.hamcrest.Matchers.equalTo(
                        "urn:tandem:problem:session-ended"));
        as(ADVISOR1).get("/api/sessions/" + id + "/ice-servers").then().statusCode(410)
                .contentType("application/problem+json");
    }
}

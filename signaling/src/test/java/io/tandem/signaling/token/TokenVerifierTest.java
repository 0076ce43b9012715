package io.tandem.signaling.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.tandem.signaling.room.Participant;
import io.tandem.signaling.room.Role;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

/** Token checks without sockets: what a valid token grants and every way a token is refused. */
class TokenVerifierTest {

    private final TestTokens tokens = new TestTokens();
    private final TokenVerifier verifier = new TokenVerifier(TestTokens.ISSUER, tokens.tokenKeys());

    @Test
    void aValidTokenGrantsItsSessionAndParticipant() throws Exception {
        VerifiedToken verified = verifier.verify(tokens.mint("s-1", "advisor-7", Role.ADVISOR));

        assertEquals("s-1", verified.sessionId());
        assertEquals(new Participant("advisor-7", Role.ADVISOR, "Name of advisor-7"), verified.participant());
    }

    @Test
    void aMissingNameFallsBackToTheSubject() throws Exception {
        JwtClaims claims = TestTokens.claims("s-1", "customer", Role.CUSTOMER);
        claims.unsetClaim("name");

        assertEquals("customer", verifier.verify(tokens.sign(claims)).participant().name());
    }

    @Test
    void refusesBadSignaturesAlgorithmsAndClaims() throws Exception {
        Instant now = Instant.now();
        assertRefused(TestTokens.unsigned(valid()));
        assertRefused(tokens.hmac(valid()));
        EllipticCurveJsonWebKey other = TestTokens.newKey();
        assertRefused(TestTokens.sign(valid(), other.getPrivateKey(), tokens.key().getKeyId(),
                AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256));
        assertRefused(TestTokens.sign(valid(), tokens.key().getPrivateKey(), tokens.key().getKeyId(),
                AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384));
        assertRefused(with(c -> c.setExpirationTime(NumericDate.fromSeconds(now.minusSeconds(31).getEpochSecond()))));
        assertRefused(with(c -> c.setExpirationTime(NumericDate.fromSeconds(now.plusSeconds(660).getEpochSecond()))));
        assertRefused(with(c -> c.unsetClaim("exp")));
        // issued long ago, expiring soon: within 10 minutes of now, but a lifetime of 11 minutes
        assertRefused(with(c -> {
            c.setIssuedAt(NumericDate.fromSeconds(now.minusSeconds(540).getEpochSecond()));
            c.setExpirationTime(NumericDate.fromSeconds(now.plusSeconds(120).getEpochSecond()));
        }));
        assertRefused(with(c -> c.unsetClaim("iat")));
        assertRefused(with(c -> c.setAudience("tandem-api")));
        assertRefused(with(c -> c.unsetClaim("aud")));
        assertRefused(with(c -> c.setIssuer("other")));
        assertRefused(with(c -> c.unsetClaim("iss")));
        assertRefused(with(c -> c.unsetClaim("sub")));
        assertRefused(with(c -> c.setSubject("x".repeat(129))));
        assertRefused(with(c -> c.unsetClaim("sid")));
        assertRefused(with(c -> c.setClaim("sid", 42)));
        assertRefused(with(c -> c.setClaim("role", "admin")));
        assertRefused(with(c -> c.setClaim("role", "ADVISOR")));
        assertRefused(with(c -> c.unsetClaim("role")));
        assertRefused(with(c -> c.setClaim("name", "x".repeat(201))));
        assertRefused("not.a.token");
        assertRefused("");
    }

    @Test
    void aLifetimeOfTenMinutesIsAcceptedAndOneSecondMoreIsNot() throws Exception {
        long now = Instant.now().getEpochSecond();
        String tenMinutes = with(c -> {
            c.setIssuedAt(NumericDate.fromSeconds(now - 60));
            c.setExpirationTime(NumericDate.fromSeconds(now + 540));
        });
        String longer = with(c -> {
            c.setIssuedAt(NumericDate.fromSeconds(now - 61));
            c.setExpirationTime(NumericDate.fromSeconds(now + 540));
        });

        assertEquals("s-1", verifier.verify(tenMinutes).sessionId());
        TokenRejectedException e = assertThrows(TokenRejectedException.class, () -> verifier.verify(longer));
        assertTrue(e.getMessage().contains("lifetime"), e.getMessage());
    }

    @Test
    void theRefusalNeverQuotesTheToken() {
        String token = with(c -> c.setIssuer("other"));

        TokenRejectedException e = assertThrows(TokenRejectedException.class, () -> verifier.verify(token));

        assertFalse(e.getMessage().contains("other"), e.getMessage());
        for (String part : token.split("\\.")) {
            assertFalse(e.getMessage().contains(part), e.getMessage());
        }
    }

    @Test
    void aJwksUrlIsFetchedOnceCachedAndFetchedAgainForANewKey() throws Exception {
        AtomicReference<JsonWebKeySet> published = new AtomicReference<>(tokens.publicKeys());
        AtomicInteger fetches = new AtomicInteger();
        HttpServer jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/api/signaling/jwks", exchange -> {
            fetches.incrementAndGet();
            byte[] body = published.get().toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/jwk-set+json");
            exchange.getResponseHeaders().add("Cache-Control", "max-age=300");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + jwks.getAddress().getPort() + "/api/signaling/jwks");
            TokenVerifier remote = new TokenVerifier(TestTokens.ISSUER, TokenKeys.fromJwksUrl(url,
                    Duration.ofSeconds(2)));

            assertEquals("s-1", remote.verify(tokens.mint("s-1", "a", Role.ADVISOR)).sessionId());
            assertEquals("s-2", remote.verify(tokens.mint("s-2", "a", Role.ADVISOR)).sessionId());
            assertEquals(1, fetches.get(), "cached");

            // The app rotates its key: a token with the new kid makes the server fetch again (at most once a second).
            TestTokens rotated = new TestTokens();
            published.set(rotated.publicKeys());
            Thread.sleep(JwksUrlTokenKeys.REFRESH_REPRIEVE.toMillis() + 100);
            assertEquals("s-3", remote.verify(rotated.mint("s-3", "a", Role.ADVISOR)).sessionId());
            assertEquals(2, fetches.get());
            assertThrows(TokenRejectedException.class, () -> remote.verify(TestTokens.sign(valid(),
                    TestTokens.newKey().getPrivateKey(), "unknown",
                    AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)));
        } finally {
            jwks.stop(0);
        }
    }

    @Test
    void anUnreachableJwksUrlRefusesTokensWithoutHanging() {
        TokenVerifier remote = new TokenVerifier(TestTokens.ISSUER, TokenKeys.fromJwksUrl(URI.create(
                "http://127.0.0.1:9/jwks"), Duration.ofMillis(500)));
        long start = System.nanoTime();

        assertThrows(TokenRejectedException.class, () -> remote.verify(tokens.mint("s-1", "a", Role.ADVISOR)));

        assertTrue(System.nanoTime() - start < Duration.ofSeconds(3).toNanos());
    }

    @Test
    void keySourcesRefuseWhatCannotVerify() {
        assertThrows(IllegalArgumentException.class, () -> TokenKeys.of(new JsonWebKeySet()));
        assertThrows(IllegalArgumentException.class, () -> TokenKeys.fromJwksUrl(URI.create("file:///etc/jwks")));
    }

    private static JwtClaims valid() {
        return TestTokens.claims("s-1", "advisor-7", Role.ADVISOR);
    }

    private String with(java.util.function.Consumer<JwtClaims> change) {
        JwtClaims claims = valid();
        change.accept(claims);
        return tokens.sign(claims);
    }

    private void assertRefused(String token) {
        assertThrows(TokenRejectedException.class, () -> verifier.verify(token));
    }
}

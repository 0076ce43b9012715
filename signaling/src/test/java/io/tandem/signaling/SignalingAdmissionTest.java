package io.tandem.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.signaling.room.Role;
import io.tandem.signaling.socket.SignalUpgrade;
import io.tandem.signaling.token.TestTokens;
import io.tandem.signaling.token.TokenKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The upgrade decides with the token alone: refusals are HTTP statuses, never a 101; tokens are never logged. */
class SignalingAdmissionTest {

    private final SignalingHarness harness = new SignalingHarness(new SignalingConfig(0, Duration.ofSeconds(30),
            64 * 1024));
    private final TestTokens tokens = harness.tokens;

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void missingExpiredForgedOrMisaddressedTokensAreRefusedWith401() throws Exception {
        List<String> logged = captureSignalingLogs();
        JwtClaims expired = valid();
        expired.setIssuedAt(NumericDate.fromSeconds(Instant.now().minusSeconds(300).getEpochSecond()));
        expired.setExpirationTime(NumericDate.fromSeconds(Instant.now().minusSeconds(60).getEpochSecond()));
        JwtClaims wrongAudience = valid();
        wrongAudience.setAudience("tandem-api");
        JwtClaims wrongIssuer = valid();
        wrongIssuer.setIssuer("https://evil.example");
        JwtClaims noExpiry = valid();
        noExpiry.unsetClaim("exp");
        JwtClaims tooLong = valid();
        tooLong.setExpirationTime(NumericDate.fromSeconds(Instant.now().plusSeconds(3600).getEpochSecond()));
        JwtClaims badRole = valid();
        badRole.setClaim("role", "admin");
        JwtClaims noSession = valid();
        noSession.unsetClaim("sid");
        RsaJsonWebKey rsa = RsaJwkGenerator.generateJwk(2048);

        List<String> refused = List.of(
                TestTokens.sign(valid(), TestTokens.newKey().getPrivateKey(), tokens.key().getKeyId(),
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256), // forged: another key, same kid
                TestTokens.sign(valid(), rsa.getPrivateKey(), "rsa", AlgorithmIdentifiers.RSA_USING_SHA256),
                TestTokens.unsigned(valid()),
                tokens.hmac(valid()),
                tokens.sign(expired),
                tokens.sign(wrongAudience),
                tokens.sign(wrongIssuer),
                tokens.sign(noExpiry),
                tokens.sign(tooLong),
                tokens.sign(badRole),
                tokens.sign(noSession),
                tokens.mint("s-1", "advisor-7", Role.ADVISOR).replace('.', '_'),
                "garbage",
                "");
        for (String token : refused) {
            harness.assertRefused(401, "s-1", token);
        }
        assertEquals(401, harness.refusedStatus("s-1", SignalUpgrade.PROTOCOL));
        assertEquals(401, harness.refusedStatus("s-1"));
        String good = tokens.mint("s-1", "advisor-7", Role.ADVISOR);
        assertEquals(401, harness.refusedStatus("s-1", SignalUpgrade.PROTOCOL, SignalUpgrade.BEARER_PREFIX + good,
                SignalUpgrade.BEARER_PREFIX + good), "two tokens are one too many");
        assertEquals(0, harness.server.rooms());

        assertTrue(logged.stream().anyMatch(l -> l.contains("Refused signaling upgrade")), "the refusals are logged");
        for (String token : refused) {
            for (String part : token.split("[._]")) {
                if (part.length() > 16) {
                    assertFalse(logged.stream().anyMatch(l -> l.contains(part)), "a token part was logged: " + part);
                }
            }
        }
    }

    @Test
    void aValidTokenOfAnotherSessionIsRefusedWith403() {
        harness.assertRefused(403, "s-2", tokens.mint("s-1", "advisor-7", Role.ADVISOR));
        harness.assertRefused(403, "s-10", tokens.mint("s-1", "customer", Role.CUSTOMER));
    }

    @Test
    void aValidTokenWithoutTheSignalingSubprotocolIsRefusedWith400() {
        assertEquals(400, harness.refusedStatus("s-1", SignalUpgrade.BEARER_PREFIX
                + tokens.mint("s-1", "advisor-7", Role.ADVISOR)));
    }

    @Test
    void anRsaKeyHandedOverInProcessVerifiesRs256Tokens() throws Exception {
        RsaJsonWebKey rsa = RsaJwkGenerator.generateJwk(2048);
        try (SignalingHarness rsaServer = new SignalingHarness(new SignalingConfig(0, Duration.ofSeconds(30),
                64 * 1024), TokenKeys.of(rsa.getPublicKey()))) {
            String token = TestTokens.sign(TestTokens.claims("s-1", "advisor-7", Role.ADVISOR), rsa.getPrivateKey(),
                    null, AlgorithmIdentifiers.RSA_USING_SHA256);

            SignalClient advisor = rsaServer.connect("s-1", SignalUpgrade.PROTOCOL, SignalUpgrade.BEARER_PREFIX
                    + token);

            assertEquals("advisor-7", advisor.next("welcome").path("peerId").asText());
            rsaServer.assertRefused(401, "s-1", tokens.mint("s-1", "advisor-7", Role.ADVISOR));
        }
    }

    @Test
    void theTokensNameAndSubjectBecomeThePeer() {
        JwtClaims claims = valid();
        claims.setClaim("name", "Ana Müller");
        SignalClient advisor = harness.connect("s-1", SignalUpgrade.PROTOCOL, SignalUpgrade.BEARER_PREFIX
                + tokens.sign(claims));
        advisor.next("welcome");

        SignalClient customer = harness.join("s-1", "customer", Role.CUSTOMER);

        assertEquals("Ana Müller", customer.next("welcome").path("peers").get(0).path("name").asText());
    }

    private static JwtClaims valid() {
        return TestTokens.claims("s-1", "advisor-7", Role.ADVISOR);
    }

    private static List<String> captureSignalingLogs() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Logger.getLogger("io.tandem.signaling").addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                Object[] parameters = record.getParameters();
                lines.add(record.getMessage() + " " + (parameters == null ? "" : List.of(parameters)));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
        return lines;
    }
}

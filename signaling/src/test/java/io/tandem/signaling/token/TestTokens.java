package io.tandem.signaling.token;

import io.tandem.signaling.room.Role;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/** Mints signaling tokens in tests with an EC P-256 key made for the run, the way the app does (ES256, kid). */
public final class TestTokens {

    public static final String ISSUER = "tandem";

    private final EllipticCurveJsonWebKey key;

    public TestTokens() {
        key = newKey();
    }

    /** A fresh key pair, e.g. to forge a token the server does not trust. */
    public static EllipticCurveJsonWebKey newKey() {
        try {
            EllipticCurveJsonWebKey k = EcJwkGenerator.generateJwk(EllipticCurves.P256);
            k.setKeyId("test-" + UUID.randomUUID().toString().substring(0, 8));
            return k;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    public EllipticCurveJsonWebKey key() {
        return key;
    }

    /** The public half, as the app publishes it. */
    public JsonWebKeySet publicKeys() {
        try {
            JsonWebKey pub = JsonWebKey.Factory.newJwk(key.getPublicKey());
            pub.setKeyId(key.getKeyId());
            return new JsonWebKeySet(pub);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    public TokenKeys tokenKeys() {
        return TokenKeys.of(publicKeys());
    }

    public String mint(String sessionId, String subject, Role role) {
        return sign(claims(sessionId, subject, role));
    }

    /** Valid claims for 120 s, to be changed by a test before signing. */
    public static JwtClaims claims(String sessionId, String subject, Role role) {
        Instant now = Instant.now();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(TokenVerifier.AUDIENCE);
        claims.setSubject(subject);
        claims.setClaim("sid", sessionId);
        claims.setClaim("role", role.wire());
        claims.setClaim("name", "Name of " + subject);
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.plus(Duration.ofSeconds(120)).getEpochSecond()));
        claims.setJwtId(UUID.randomUUID().toString());
        return claims;
    }

    public String sign(JwtClaims claims) {
        return sign(claims, key.getPrivateKey(), key.getKeyId(),
                AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
    }

    public static String sign(JwtClaims claims, Key signingKey, String keyId, String algorithm) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(signingKey);
        jws.setKeyIdHeaderValue(keyId);
        jws.setAlgorithmHeaderValue(algorithm);
        // Lets tests produce the tokens an attacker would (alg none, HMAC); the verifier must refuse them.
        jws.setDoKeyValidation(false);
        jws.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg: none}, no signature. */
    public static String unsigned(JwtClaims claims) {
        return sign(claims, null, null, AlgorithmIdentifiers.NONE);
    }

    /** HS256 with a shared secret (here: the bytes of the server's public key, the classic confusion attack). */
    public String hmac(JwtClaims claims) {
        byte[] secret = key.toJson().getBytes(StandardCharsets.UTF_8);
        return sign(claims, new HmacKey(secret), key.getKeyId(), AlgorithmIdentifiers.HMAC_SHA256);
    }
}

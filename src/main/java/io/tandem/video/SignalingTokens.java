package io.tandem.video;

import io.tandem.config.TandemConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * Mints the short-lived signaling tokens: an ES256 JWT for one session, one participant and one role, checked by the
 * signaling server when the socket opens. The public key goes to the embedded server in-process, and to a standalone
 * one through the JWKS endpoint.
 */
@ApplicationScoped
public class SignalingTokens {

    public static final String AUDIENCE = "tandem-signaling";

    /** A minted token and when it stops being accepted. */
    public record Minted(String token, Instant expiresAt) {}

    private final EllipticCurveJsonWebKey key;
    private final TandemConfig.Signaling config;
    private final Clock clock;

    public SignalingTokens(TandemConfig tandem) {
        this.config = tandem.signaling();
        this.clock = Clock.systemUTC(); // the signaling server checks exp against real time
        this.key = config.signingKey().map(SignalingTokens::parse).orElseGet(SignalingTokens::generate);
    }

    public Minted mint(UUID sessionId, String participantId, String role, String name) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(config.tokenTtl());
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(config.issuer());
        claims.setAudience(AUDIENCE);
        claims.setSubject(participantId);
        claims.setClaim("sid", sessionId.toString());
        claims.setClaim("role", role);
        claims.setClaim("name", name);
        claims.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(expiresAt.getEpochSecond()));
        claims.setJwtId(UUID.randomUUID().toString());
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        try {
            return new Minted(jws.getCompactSerialization(), expiresAt);
        } catch (JoseException e) {
            throw new IllegalStateException("could not sign a signaling token", e);
        }
    }

    /** The public half, as a JWK set (for the embedded server and the JWKS endpoint). */
    public JsonWebKeySet publicKeys() {
        try {
            JsonWebKey pub = JsonWebKey.Factory.newJwk(key.getPublicKey());
            pub.setKeyId(key.getKeyId());
            pub.setAlgorithm(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            pub.setUse("sig");
            return new JsonWebKeySet(pub);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    public String issuer() {
        return config.issuer();
    }

    private static EllipticCurveJsonWebKey generate() {
        try {
            EllipticCurveJsonWebKey k = EcJwkGenerator.generateJwk(EllipticCurves.P256);
            k.setKeyId("signaling-" + UUID.randomUUID().toString().substring(0, 8));
            return k;
        } catch (JoseException e) {
            throw new IllegalStateException("could not generate the signaling key", e);
        }
    }

    private static EllipticCurveJsonWebKey parse(String jwk) {
        try {
            JsonWebKey k = JsonWebKey.Factory.newJwk(jwk);
            if (!(k instanceof EllipticCurveJsonWebKey ec) || ec.getPrivateKey() == null) {
                throw new IllegalArgumentException("tandem.signaling.signing-key must be a private EC P-256 JWK");
            }
            if (ec.getKeyId() == null) {
                ec.setKeyId("signaling");
            }
            return ec;
        } catch (JoseException e) {
            throw new IllegalArgumentException("tandem.signaling.signing-key is not a JWK", e);
        }
    }
}

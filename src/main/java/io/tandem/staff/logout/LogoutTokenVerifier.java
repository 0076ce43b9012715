package io.tandem.staff.logout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;

/**
 * Verifies an OpenID Connect back-channel logout token (OpenID Connect Back-Channel Logout 1.0, section 2.6): signed
 * by the identity provider's key (from its JWKS, asymmetric algorithms only, never "none"), issued by it, addressed to
 * the console's client, recent, carrying the back-channel logout event and a sid or sub, and no nonce. The issuer and
 * JWKS address come from the provider's discovery document, fetched once. Blocking: call it on a worker thread.
 */
final class LogoutTokenVerifier {

    static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

    private final String discoveryUrl;
    private final String audience;
    private final Duration maxAge;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private volatile JwtConsumer consumer;

    LogoutTokenVerifier(String authServerUrl, String audience, Duration maxAge, Clock clock) {
        this.discoveryUrl = authServerUrl.replaceAll("/+$", "") + "/.well-known/openid-configuration";
        this.audience = audience;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** The sign-out the token asks for, or empty when the token is not a valid logout token. */
    Optional<SignOut> verify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            JwtClaims claims = consumer().processToClaims(token);
            Object events = claims.getClaimValue("events");
            if (!(events instanceof Map<?, ?> map) || !(map.get(EVENT) instanceof Map<?, ?>)) {
                return Optional.empty();
            }
            if (claims.hasClaim("nonce")) {
                return Optional.empty();
            }
            String sid = claims.getClaimValue("sid", String.class);
            String sub = claims.getSubject();
            if (sid == null && sub == null) {
                return Optional.empty();
            }
            Instant issued = Instant.ofEpochSecond(claims.getIssuedAt().getValue());
            Instant now = clock.instant();
            if (issued.isBefore(now.minus(maxAge)) || issued.isAfter(now.plusSeconds(60))) {
                return Optional.empty();
            }
            return Optional.of(new SignOut(sid, sub, issued));
        } catch (InvalidJwtException | MalformedClaimException e) {
            return Optional.empty();
        }
    }

    private JwtConsumer consumer() {
        JwtConsumer c = consumer;
        if (c == null) {
            synchronized (this) {
                if (consumer == null) {
                    consumer = build();
                }
                c = consumer;
            }
        }
        return c;
    }

    private JwtConsumer build() {
        JsonNode discovery = discovery();
        HttpsJwks jwks = new HttpsJwks(discovery.path("jwks_uri").asText());
        return new JwtConsumerBuilder()
                .setExpectedIssuer(true, discovery.path("issuer").asText())
                .setExpectedAudience(true, audience)
                .setRequireIssuedAt()
                .setAllowedClockSkewInSeconds(60)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384,
                        AlgorithmIdentifiers.RSA_USING_SHA512, AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                        AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384)
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(jwks))
                .build();
    }

    private JsonNode discovery() {
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(URI.create(discoveryUrl)).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("OIDC discovery answered " + response.statusCode());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("OIDC discovery failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("OIDC discovery interrupted", e);
        }
    }
}

package io.tandem.signaling.token;

import io.tandem.signaling.room.Participant;
import io.tandem.signaling.room.Role;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * Verifies a signaling token with jose4j: ES256 or RS256 only (never {@code none} or HMAC), the configured issuer,
 * audience {@value #AUDIENCE}, {@code exp} and {@code iat} present, a lifetime ({@code exp - iat}, and {@code exp}
 * from now) of at most {@value #MAX_LIFETIME_MINUTES} minutes, and the claims {@code sub}, {@code sid}, {@code role} (and optional
 * {@code name}) well-formed.
 */
public final class TokenVerifier {

    public static final String AUDIENCE = "tandem-signaling";
    static final int CLOCK_SKEW_SECONDS = 30;
    static final int MAX_LIFETIME_MINUTES = 10;
    static final int MAX_ID_LENGTH = 128;
    static final int MAX_NAME_LENGTH = 200;

    private final JwtConsumer consumer;

    public TokenVerifier(String issuer, TokenKeys keys) {
        consumer = new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(ConstraintType.PERMIT,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                // Encrypted tokens are not part of the contract; permitting no JWE algorithm refuses them outright.
                .setJweAlgorithmConstraints(new AlgorithmConstraints(ConstraintType.PERMIT))
                .setVerificationKeyResolver(keys.resolver())
                .setExpectedIssuer(issuer)
                .setExpectedAudience(AUDIENCE)
                .setRequireSubject()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setMaxFutureValidityInMinutes(MAX_LIFETIME_MINUTES)
                .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                .build();
    }

    /** Checks the token and reads what it grants; the exception's message names the failed check, never the token. */
    public VerifiedToken verify(String token) throws TokenRejectedException {
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(token);
        } catch (InvalidJwtException e) {
            // The exception's own message quotes the claims; the error codes say what failed and nothing more.
            throw new TokenRejectedException("invalid token (jose4j error codes " + e.getErrorDetails().stream()
                    .map(d -> Integer.toString(d.getErrorCode())).collect(Collectors.joining(",")) + ")");
        }
        try {
            // jose4j bounds exp from now only: a token issued long ago that expires soon would pass.
            long lifetime = claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue();
            if (lifetime > MAX_LIFETIME_MINUTES * 60L) {
                throw new TokenRejectedException("lifetime (exp - iat) longer than " + MAX_LIFETIME_MINUTES
                        + " minutes");
            }
            String subject = bounded(claims.getSubject(), "sub", MAX_ID_LENGTH);
            String sessionId = bounded(claims.getStringClaimValue("sid"), "sid", MAX_ID_LENGTH);
            Role role = Optional.ofNullable(claims.getStringClaimValue("role")).flatMap(Role::fromWire)
                    .orElseThrow(() -> new TokenRejectedException("role claim missing or not a known role"));
            String name = claims.getStringClaimValue("name");
            name = name == null || name.isBlank() ? subject : bounded(name, "name", MAX_NAME_LENGTH);
            return new VerifiedToken(sessionId, new Participant(subject, role, name));
        } catch (MalformedClaimException e) {
            throw new TokenRejectedException("a claim has the wrong type");
        }
    }

    private static String bounded(String value, String claim, int maxLength) throws TokenRejectedException {
        if (value == null || value.isBlank() || value.length() > maxLength) {
            throw new TokenRejectedException(claim + " claim missing, blank or longer than " + maxLength);
        }
        return value;
    }
}

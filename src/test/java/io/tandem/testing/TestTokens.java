package io.tandem.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Keycloak-shaped access tokens (roles under realm_access.roles) signed by Quarkus' OIDC test server key. */
public final class TestTokens {

    public static final String ISSUER = "https://server.example.com";
    public static final String AUDIENCE = "https://service.example.com";

    private TestTokens() {}

    /** The display name in {@link #advisor1()}'s token, as participants see it. */
    public static final String ADVISOR1_NAME = "Alice Archer";

    public static String advisor1() {
        return staff("sub-advisor1", "advisor1", ADVISOR1_NAME, "advisor");
    }

    public static String advisor2() {
        return staff("sub-advisor2", "advisor2", "Ben Baker", "advisor");
    }

    public static String supervisor1() {
        return staff("sub-supervisor1", "supervisor1", "Sam Supervisor", "supervisor");
    }

    public static String staff(String subject, String username, String name, String... roles) {
        return claims(subject, username, name, roles).sign();
    }

    public static JwtClaimsBuilder claims(String subject, String username, String name, String... roles) {
        return Jwt.subject(subject)
                .preferredUserName(username)
                .claim("name", name)
                .claim("email", username + "@tandem.example")
                .claim("realm_access", Map.of("roles", List.of(roles)))
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .expiresAt(Instant.now().plusSeconds(300));
    }

    /** A token with valid claims, signed by a key the server has never seen. */
    public static String forged(String subject, String... roles) {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return claims(subject, "forger", "Forger", roles).jws().keyId("1").sign(generator.generateKeyPair()
                    .getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

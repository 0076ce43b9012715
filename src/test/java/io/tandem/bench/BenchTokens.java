package io.tandem.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keycloak-shaped staff access tokens (RS256, roles under realm_access.roles) signed with a key pair made for one
 * benchmark run, and the JSON Web Key Set that verifies them (served by {@link BenchOidc}).
 */
public final class BenchTokens {

    public static final String AUDIENCE = "tandem-api";
    static final String KEY_ID = "bench";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final KeyPair keys;
    private final String issuer;

    public BenchTokens(String issuer) {
        this.issuer = issuer;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as a JSON Web Key Set, as an OIDC provider's jwks_uri answers it. */
    public String jwks() {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        return "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"" + KEY_ID + "\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\""
                + URL.encodeToString(unsigned(key.getModulus())) + "\",\"e\":\"" + URL.encodeToString(unsigned(key
                        .getPublicExponent()))
                + "\"}]}";
    }

    private static byte[] unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        return b.length > 1 && b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
    }

    /** An advisor token for advisor number {@code i}, valid for {@code ttlSeconds}. */
    public String advisor(int i, long ttlSeconds) {
        return staff(String.format("bench-advisor-%04d", i), String.format("Bench Advisor %04d", i), "advisor",
                ttlSeconds);
    }

    /** A token for staff member {@code user} with one realm role, valid for {@code ttlSeconds}. */
    public String staff(String user, String name, String role, long ttlSeconds) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", "sub-" + user);
        claims.put("aud", AUDIENCE);
        claims.put("iat", now);
        claims.put("exp", now + ttlSeconds);
        claims.put("preferred_username", user);
        claims.put("name", name);
        claims.put("email", user + "@bench.tandem.invalid");
        claims.put("realm_access", Map.of("roles", List.of(role)));
        return sign(claims);
    }

    private String sign(Map<String, Object> claims) {
        try {
            String header = URL.encodeToString(("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + KEY_ID + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            String body = URL.encodeToString(JSON.writeValueAsBytes(claims));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(keys.getPrivate());
            rsa.update((header + "." + body).getBytes(StandardCharsets.US_ASCII));
            return header + "." + body + "." + URL.encodeToString(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

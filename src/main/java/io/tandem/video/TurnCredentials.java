package io.tandem.video;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived TURN credentials in the shared-secret scheme coturn accepts with use-auth-secret (the "TURN REST API"):
 * username = expiry (unix seconds) + ":" + user id, password = base64(HMAC-SHA1(secret, username)). The TURN server
 * recomputes the password from the username and refuses it after the expiry; the secret never leaves the servers.
 */
public final class TurnCredentials {

    /** A username and password pair for TURN. */
    public record Credential(String username, String password, Instant expiresAt) {}

    private TurnCredentials() {}

    public static Credential mint(String secret, String userId, Instant expiresAt) {
        if (userId.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a TURN user id may not contain ':'");
        }
        String username = expiresAt.getEpochSecond() + ":" + userId;
        return new Credential(username, password(secret, username), Instant.ofEpochSecond(expiresAt.getEpochSecond()));
    }

    static String password(String secret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 is unavailable", e);
        }
    }
}

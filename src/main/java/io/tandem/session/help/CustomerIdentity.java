package io.tandem.session.help;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Whether the CRM id a site page names for its signed-in customer is the firm's word or anyone's: with an identity
 * secret ({@code tandem.help.identity-secret}, shared with the firm's web server), the page must also carry the hex
 * HMAC-SHA256 of the CRM id under that secret ({@code data-tandem-customer-hash}, computed by the firm's server for the
 * customer it signed in), and an id without its hash, or with a wrong one, is ignored. Without a secret every id is
 * taken at the page's word (see docs/security.md).
 */
public final class CustomerIdentity {

    private static final String HMAC = "HmacSHA256";

    private final byte[] secret;

    /** @param secret the shared secret, or empty to take every page's word */
    public CustomerIdentity(Optional<String> secret) {
        this.secret = secret.filter(s -> !s.isBlank()).map(s -> s.getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    /** Whether a hash is asked for (a secret is configured). */
    public boolean verifies() {
        return secret != null;
    }

    /** Whether {@code hash} proves {@code crmId} (always true without a secret); compared in constant time. */
    public boolean proven(String crmId, String hash) {
        if (secret == null) {
            return true;
        }
        if (hash == null || crmId == null) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(hash.strip().toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(hash(crmId), given);
    }

    /** The hash the firm's server puts beside the CRM id (for its documentation and the tests). */
    public static String hashOf(String secret, String crmId) {
        return HexFormat.of().formatHex(new CustomerIdentity(Optional.of(secret)).hash(crmId));
    }

    private byte[] hash(String crmId) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret, HMAC));
            return mac.doFinal(crmId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}

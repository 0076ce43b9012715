package io.tandem.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The receiver's side of the Standard Webhooks specification, written from the specification for the tests and
 * independent of Tandem's signer: the key is the base64 after {@code whsec_}; the signed content is
 * {@code id.timestamp.body}; the header holds space-separated {@code v1,<base64 HMAC-SHA256>} entries, one of which
 * must match (compared in constant time); the timestamp must be within five minutes of now.
 */
public final class StandardWebhooksCheck {

    private static final long TOLERANCE_SECONDS = 300;

    private StandardWebhooksCheck() {}

    public static boolean verify(String secret, String id, String timestamp, String signatureHeader, String body,
            Instant now) {
        if (secret == null || id == null || timestamp == null || signatureHeader == null || body == null) {
            return false;
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - ts) > TOLERANCE_SECONDS) {
            return false;
        }
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] expected = hmac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            for (String entry : signatureHeader.split(" ")) {
                int comma = entry.indexOf(',');
                if (comma < 0 || !entry.substring(0, comma).equals("v1")) {
                    continue;
                }
                byte[] given = Base64.getDecoder().decode(entry.substring(comma + 1));
                if (MessageDigest.isEqual(expected, given)) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }
}

package io.tandem.recording;

import io.tandem.config.RecordingConfig;
import io.tandem.security.CustomerCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server's seal on each stored chunk: HMAC-SHA256, with a key the database never holds, over everything that
 * places the chunk in its recording (session, number, times, counts, whether it is the last, its content's hash, the
 * hash before it, and any pause or gap around it). The hash chain alone shows accidents, but anyone who can write to the database can recompute
 * it; without the key they cannot make seals that verify, so a rewritten chunk and chain is still caught.
 */
@ApplicationScoped
public class ChainSeal {

    private static final byte[] DOMAIN = "tandem recording chunk v1".getBytes(StandardCharsets.UTF_8);

    /** The signing key first, then keys that sealed older chunks. */
    private final List<SecretKeySpec> keys;

    @Inject
    public ChainSeal(RecordingConfig config, CustomerCredentials credentials) {
        this(keys(config, credentials));
    }

    /** With the given keys: the first seals, every one verifies. */
    public ChainSeal(List<byte[]> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a chain seal needs a key");
        }
        this.keys = keys.stream().map(k -> new SecretKeySpec(k, "HmacSHA256")).toList();
    }

    private static List<byte[]> keys(RecordingConfig config, CustomerCredentials credentials) {
        List<byte[]> keys = new ArrayList<>();
        keys.add(config.signingKey().map(k -> decode(k, "tandem.recording.signing-key"))
                .orElseGet(() -> credentials.derivedKey("recording chain seal")));
        config.previousSigningKeys().ifPresent(previous -> previous
                .forEach(k -> keys.add(decode(k, "tandem.recording.previous-signing-keys"))));
        return keys;
    }

    private static byte[] decode(String base64, String property) {
        byte[] bytes = Base64.getDecoder().decode(base64.trim());
        if (bytes.length < 32) {
            throw new IllegalArgumentException(property + " must hold at least 32 bytes");
        }
        return bytes;
    }

    /** The seal of a chunk, with the signing key. */
    public byte[] seal(Chunk c) {
        return mac(keys.get(0), c);
    }

    /** Whether the chunk carries a seal made by one of the keys. */
    public boolean verifies(Chunk c) {
        if (c.seal() == null) {
            return false;
        }
        for (SecretKeySpec key : keys) {
            if (MessageDigest.isEqual(mac(key, c), c.seal())) {
                return true;
            }
        }
        return false;
    }

    private static byte[] mac(SecretKeySpec key, Chunk c) {
        boolean breaks = c.paused() || c.afterGap();
        ByteBuffer placed = ByteBuffer.allocate(16 + 4 + 8 * 3 + 4 + 4 + 1 + c.contentSha256().length
                + c.prevSha256().length + (breaks ? 1 : 0));
        placed.putLong(c.sessionId().getMostSignificantBits()).putLong(c.sessionId().getLeastSignificantBits())
                .putInt(c.seq()).putLong(c.createdAt().toEpochMilli()).putLong(c.firstAt().toEpochMilli())
                .putLong(c.lastAt().toEpochMilli()).putInt(c.frames()).putInt(c.dropped())
                .put((byte) (c.last() ? 1 : 0)).put(c.contentSha256()).put(c.prevSha256());
        if (breaks) { // only when set, so seals made before breaks were recorded still verify
            placed.put((byte) ((c.paused() ? 1 : 0) | (c.afterGap() ? 2 : 0)));
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(DOMAIN);
            return mac.doFinal(placed.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

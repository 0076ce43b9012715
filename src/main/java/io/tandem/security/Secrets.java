package io.tandem.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Function;
import io.smallrye.mutiny.Uni;
import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;

/** Random secrets (join links, consent tickets, join codes) and the hash under which they are stored. */
public final class Secrets {

    /** 256 random bits per token: well above the 128 the design requires. */
    public static final int TOKEN_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {}

    /** A URL-safe token of {@link #TOKEN_BYTES} random bytes (43 characters). */
    public static String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A 6-digit code without a leading zero, so it reads and types the same everywhere. */
    public static String newCode() {
        return Integer.toString(100_000 + RANDOM.nextInt(900_000));
    }

    /**
     * A 6-digit code that {@code taken} says is free, trying up to {@code attempts} random ones; 503 if none was (with
     * 900 000 codes that only happens when nearly all are live).
     */
    public static Uni<String> freeCode(Function<String, Uni<Boolean>> taken, int attempts) {
        if (attempts == 0) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.UNAVAILABLE,
                    "No free code; try again shortly", java.time.Duration.ofSeconds(5)));
        }
        String code = newCode();
        return taken.apply(code).chain(t -> t ? freeCode(taken, attempts - 1) : Uni.createFrom().item(code));
    }

    public static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    public static boolean isCode(String value) {
        return value != null && value.length() == 6 && value.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** Whether a value could be a token of ours; anything else is rejected before any lookup. */
    public static boolean isToken(String value) {
        return value != null && value.length() == 43
                && value.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_');
    }
}

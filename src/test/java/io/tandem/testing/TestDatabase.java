package io.tandem.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The tests' PostgreSQL database: TANDEM_TEST_DB_NAME, else one per checkout ({@code tandem_test_} and a hash of the
 * checkout's path), so test runs in two checkouts never clean each other's database at start.
 */
public final class TestDatabase {

    private TestDatabase() {}

    public static String name() {
        String configured = System.getenv("TANDEM_TEST_DB_NAME");
        String name = configured == null || configured.isBlank() ? "tandem_test_" + checkoutHash() : configured;
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("TANDEM_TEST_DB_NAME must be a plain identifier");
        }
        return name;
    }

    private static String checkoutHash() {
        String dir = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize().toString();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(dir.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

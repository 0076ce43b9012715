package io.tandem.security;

import io.tandem.config.TandemConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Mints and verifies customer credentials: {@code tdc1.<sessionId>.<customerId>.<expiryEpochSeconds>.<mac>}, where mac
 * is the base64url HMAC-SHA256 of everything before it. Stateless, so the relay can check one at a WebSocket upgrade
 * without touching the database; the session's own status still decides whether it is live.
 */
@ApplicationScoped
@Startup // a missing key stops the server at start, not at the first customer
public class CustomerCredentials {

    static final String PREFIX = "tdc1";
    static final String STAGE_PREFIX = "tds1";
    private static final Logger LOG = Logger.getLogger(CustomerCredentials.class);
    private static final int MAX_LENGTH = 200;

    private final SecretKeySpec key;
    private final Clock clock;
    private final TandemConfig config;

    @Inject
    public CustomerCredentials(TandemConfig config, Clock clock) {
        this(config, clock, LaunchMode.current() == LaunchMode.NORMAL);
    }

    /** {@code production}: refuse to go on without a configured key. */
    CustomerCredentials(TandemConfig config, Clock clock, boolean production) {
        this.config = config;
        this.clock = clock;
        this.key = new SecretKeySpec(keyBytes(config.customer().credentialSecret(), production), "HmacSHA256");
    }

    public String mint(UUID sessionId, UUID customerId) {
        return mint(PREFIX, sessionId, customerId);
    }

    /**
     * A stage credential: lets the advisor's own page (the firm's site in the console's stage frame) share into one
     * session as {@code stage:<advisorId>}. Same format and key as customer credentials, prefix {@code tds1}.
     */
    public String mintStage(UUID sessionId, UUID advisorId) {
        return mint(STAGE_PREFIX, sessionId, advisorId);
    }

    /** A stage credential's grant (the second id is the advisor's), or empty. Never throws on bad input. */
    public Optional<CustomerCredential> verifyStage(String credential) {
        return verify(STAGE_PREFIX, credential);
    }

    private String mint(String prefix, UUID sessionId, UUID subjectId) {
        Instant expiresAt = clock.instant().plus(config.customer().credentialTtl());
        String body = prefix + "." + sessionId + "." + subjectId + "." + expiresAt.getEpochSecond();
        return body + "." + mac(body);
    }

    public Instant expiryOf(String credential) {
        return verify(credential).map(CustomerCredential::expiresAt).orElseThrow();
    }

    /** The credential's grant, or empty if it is malformed, forged or expired. Never throws on bad input. */
    public Optional<CustomerCredential> verify(String credential) {
        return verify(PREFIX, credential);
    }

    private Optional<CustomerCredential> verify(String prefix, String credential) {
        if (credential == null || credential.length() > MAX_LENGTH || !credential.startsWith(prefix + ".")) {
            return Optional.empty();
        }
        int lastDot = credential.lastIndexOf('.');
        String body = credential.substring(0, lastDot);
        byte[] expected = mac(body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = credential.substring(lastDot + 1).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            return Optional.empty();
        }
        String[] parts = body.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[3]));
            if (!expiresAt.isAfter(clock.instant())) {
                return Optional.empty();
            }
            return Optional.of(new CustomerCredential(UUID.fromString(parts[1]), UUID.fromString(parts[2]), expiresAt));
        } catch (IllegalArgumentException | DateTimeException e) {
            return Optional.empty();
        }
    }

    private String mac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }

    /**
     * A key of its own for another purpose, derived from this one (HMAC-SHA256 of the purpose's name), so a feature that
     * needs a server secret the database does not hold (the recording's chain seal) has one wherever customer
     * credentials work, without a second secret to configure and without reusing this key itself.
     */
    public byte[] derivedKey(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(("tandem derived key: " + purpose).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The key from configuration. A running server (not dev mode or tests) refuses to start without one: a random key
     * would sign out every customer at the next restart (their sessions stay open with nobody able to return) and
     * would not be shared by a second node.
     */
    static byte[] keyBytes(Optional<String> configured, boolean production) {
        if (configured.isPresent()) {
            byte[] bytes = Base64.getDecoder().decode(configured.get().trim());
            if (bytes.length < 32) {
                throw new IllegalArgumentException("tandem.customer.credential-secret must hold at least 32 bytes");
            }
            return bytes;
        }
        if (production) {
            throw new IllegalStateException("tandem.customer.credential-secret (TANDEM_CUSTOMER_CREDENTIAL_SECRET) is"
                    + " not set: give every node the same key of at least 32 random bytes in Base64, for example"
                    + " from `head -c 32 /dev/urandom | base64`, kept across restarts");
        }
        LOG.warn("tandem.customer.credential-secret is not set: using a random key; customer credentials will not"
                + " survive a restart or work across nodes");
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}

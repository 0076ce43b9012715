package io.tandem.security;

import io.tandem.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.config.TandemConfig;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class CustomerCredentialsTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final Duration TTL = Duration.ofHours(4);
    private static final byte[] KEY = bytes(32, 7);
    private static final byte[] OTHER_KEY = bytes(32, 9);

    private final MutableClock clock = new MutableClock(T0);
    private final CustomerCredentials credentials = new CustomerCredentials(config(KEY), clock, false);
    private final UUID sessionId = UUID.randomUUID();
    private final UUID customerId = UUID.randomUUID();

    @Test
    void mintedCredentialVerifiesToItsSessionCustomerAndExpiry() {
        String credential = credentials.mint(sessionId, customerId);

        CustomerCredential grant = credentials.verify(credential).orElseThrow();
        assertEquals(sessionId, grant.sessionId());
        assertEquals(customerId, grant.customerId());
        assertEquals(T0.plus(TTL), grant.expiresAt());
        assertEquals(T0.plus(TTL), credentials.expiryOf(credential));
        assertTrue(credential.startsWith("tdc1." + sessionId + "." + customerId + "."), credential);
    }

    @Test
    void expiryIsTruncatedToTheSecondNeverLater() {
        clock.set(T0.plusMillis(700));

        CustomerCredential grant = credentials.verify(credentials.mint(sessionId, customerId)).orElseThrow();

        assertEquals(T0.plus(TTL), grant.expiresAt());
    }

    @Test
    void credentialIsValidUntilItsExpiryAndNotAtIt() {
        String credential = credentials.mint(sessionId, customerId);

        clock.advance(TTL.minusSeconds(1));
        assertTrue(credentials.verify(credential).isPresent());

        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), credentials.verify(credential));

        clock.advance(Duration.ofDays(1));
        assertEquals(Optional.empty(), credentials.verify(credential));
    }

    @Test
    void tamperingWithAnyPartInvalidatesTheCredential() {
        String[] parts = credentials.mint(sessionId, customerId).split("\\.");
        String laterExpiry = Long.toString(Long.parseLong(parts[3]) + 3600);
        String mac = parts[4];
        String flippedMac = mac.substring(0, 10) + (mac.charAt(10) == 'A' ? 'B' : 'A') + mac.substring(11);

        assertRejected(join(parts[0], UUID.randomUUID().toString(), parts[2], parts[3], mac));
        assertRejected(join(parts[0], parts[1], UUID.randomUUID().toString(), parts[3], mac));
        assertRejected(join(parts[0], parts[2], parts[1], parts[3], mac)); // session and customer swapped
        assertRejected(join(parts[0], parts[1], parts[2], laterExpiry, mac));
        assertRejected(join(parts[0], parts[1], parts[2], parts[3], flippedMac));
        assertRejected(join(parts[0], parts[1], parts[2], parts[3], mac.substring(1)));
        assertRejected(join(parts[0], parts[1], parts[2], parts[3], ""));
        assertRejected(join(parts[0], parts[1].toUpperCase(), parts[2], parts[3], mac));
    }

    @Test
    void credentialMintedWithAnotherKeyIsRejected() {
        CustomerCredentials otherNode = new CustomerCredentials(config(OTHER_KEY), clock, false);

        assertRejected(otherNode.mint(sessionId, customerId));
    }

    @Test
    void nodesSharingTheKeyAcceptEachOthersCredentials() {
        CustomerCredentials otherNode = new CustomerCredentials(config(KEY.clone()), clock, false);

        assertTrue(credentials.verify(otherNode.mint(sessionId, customerId)).isPresent());
    }

    @Test
    void withoutAConfiguredSecretEachInstanceUsesItsOwnRandomKey() {
        CustomerCredentials first = new CustomerCredentials(config(Optional.empty()), clock, false);
        CustomerCredentials second = new CustomerCredentials(config(Optional.empty()), clock, false);

        String credential = first.mint(sessionId, customerId);
        assertTrue(first.verify(credential).isPresent());
        assertEquals(Optional.empty(), second.verify(credential));
    }

    @Test
    void garbageIsRejectedWithoutThrowing() {
        String valid = credentials.mint(sessionId, customerId);

        assertRejected(null);
        assertRejected("");
        assertRejected("tdc1");
        assertRejected("tdc1.");
        assertRejected("tdc1.....");
        assertRejected(".tdc1.");
        assertRejected("x".repeat(10_240));
        assertRejected("tdc1." + "a.".repeat(5_000));
        assertRejected("tdc2" + valid.substring(4));
        assertRejected("TDC1" + valid.substring(4));
        assertRejected(" " + valid);
        assertRejected(valid + " ");
        assertRejected(valid + ".");
        assertRejected(valid + ".extra");
        assertRejected(valid.replaceFirst("\\.", ".."));
        assertRejected(valid.replace('-', '\u0663'));
    }

    @Test
    void correctlySignedButMalformedBodiesAreRejectedWithoutThrowing() {
        String expiry = Long.toString(T0.plus(TTL).getEpochSecond());

        assertRejected(signed("tdc1.not-a-uuid." + customerId + "." + expiry));
        assertRejected(signed("tdc1." + sessionId + ".not-a-uuid." + expiry));
        assertRejected(signed("tdc1." + sessionId + "." + customerId + ".soon"));
        assertRejected(signed("tdc1." + sessionId + "." + customerId + ".1e12"));
        assertRejected(signed("tdc1." + sessionId + "." + customerId + "." + expiry + ".extra"));
        assertRejected(signed("tdc1." + sessionId + "." + customerId));
        assertRejected(signed("tdc1.." + customerId + "." + expiry));
        assertRejected(signed("tdc1." + sessionId + "." + customerId + ".-1"));
    }

    @Test
    void correctlySignedExpiryBeyondTheInstantRangeIsRejectedWithoutThrowing() {
        // Instant.ofEpochSecond throws DateTimeException (not an IllegalArgumentException) past year 1 000 000 000.
        assertRejected(signed("tdc1." + sessionId + "." + customerId + "." + Long.MAX_VALUE));
    }

    @Test
    void correctlySignedBodyWithATrailingEmptyPartIsRejected() {
        long expiry = clock.instant().plusSeconds(60).getEpochSecond();
        assertRejected(signed("tdc1." + sessionId + "." + customerId + "." + expiry + "."));
    }

    @Test
    void secretShorterThan32BytesIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CustomerCredentials(config(bytes(31, 1)), clock, false));
        assertTrue(e.getMessage().contains("32 bytes"), e.getMessage());
    }

    @Test
    void secretThatIsNotBase64IsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new CustomerCredentials(config(Optional.of("not base64 at all!")), clock, false));
    }

    @Test
    void secretIsTrimmedBeforeDecoding() {
        String padded = "  " + Base64.getEncoder().encodeToString(KEY) + "\n";
        CustomerCredentials trimmed = new CustomerCredentials(config(Optional.of(padded)), clock, false);

        assertTrue(credentials.verify(trimmed.mint(sessionId, customerId)).isPresent());
    }

    private void assertRejected(String credential) {
        assertEquals(Optional.empty(), credentials.verify(credential), () -> "accepted: " + credential);
    }

    /** Signs a body with the test key the way CustomerCredentials does, to reach the checks behind the MAC. */
    private static String signed(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            return body + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String join(String... parts) {
        return String.join(".", parts);
    }

    private static byte[] bytes(int length, int fill) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) fill);
        return bytes;
    }

    private static TandemConfig config(byte[] key) {
        return config(Optional.of(Base64.getEncoder().encodeToString(key)));
    }

    private static TandemConfig config(Optional<String> secret) {
        TandemConfig.Customer customer = stub(TandemConfig.Customer.class,
                Map.of("credentialSecret", secret, "credentialTtl", TTL));
        return stub(TandemConfig.class, Map.of("customer", customer));
    }

    /**
     * A config interface answering only the named methods. A proxy rather than an anonymous class, so settings added
     * to TandemConfig later do not break this test's compilation.
     */
    private static <T> T stub(Class<T> type, Map<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
            if (answers.containsKey(method.getName())) {
                return answers.get(method.getName());
            }
            if (method.getName().equals("toString")) {
                return type.getSimpleName() + answers;
            }
            throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName() + " is not stubbed");
        }));
    }

    @Test
    void aRunningServerRefusesToStartWithoutAKeyDevModeAndTestsGetARandomOne() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> CustomerCredentials.keyBytes(Optional.empty(), true));
        assertTrue(e.getMessage().contains("TANDEM_CUSTOMER_CREDENTIAL_SECRET"), e.getMessage());
        assertEquals(32, CustomerCredentials.keyBytes(Optional.empty(), false).length);
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        assertTrue(Arrays.equals(key, CustomerCredentials.keyBytes(
                Optional.of(Base64.getEncoder().encodeToString(key)), true)));
        assertThrows(IllegalArgumentException.class, () -> CustomerCredentials.keyBytes(
                Optional.of(Base64.getEncoder().encodeToString(new byte[16])), true));
    }
}

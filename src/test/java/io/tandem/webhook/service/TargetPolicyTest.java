package io.tandem.webhook.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The SSRF rule's address ranges and allow-list, without Quarkus. */
class TargetPolicyTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void rangesAreClassified() throws Exception {
        assertEquals("loopback", TargetPolicy.refusedRange(ip("127.9.9.9")));
        assertEquals("private", TargetPolicy.refusedRange(ip("172.31.255.255")));
        assertNull(TargetPolicy.refusedRange(ip("172.32.0.1")));
        assertEquals("unique-local", TargetPolicy.refusedRange(ip("fc00::1")));
        assertEquals("reserved", TargetPolicy.refusedRange(ip("64:ff9b::a00:1")));
        assertNull(TargetPolicy.refusedRange(ip("93.184.216.34")));
        assertNull(TargetPolicy.refusedRange(ip("2606:4700::1111")));
    }

    @Test
    void cidrRangesContainWhatTheirPrefixCovers() throws Exception {
        AddressRange r = AddressRange.parse("10.1.2.0/23");
        assertTrue(r.contains(InetAddress.getByName("10.1.3.255")));
        assertFalse(r.contains(InetAddress.getByName("10.1.4.0")));
        assertFalse(r.contains(InetAddress.getByName("::1")));
        assertNull(AddressRange.parse("crm.internal.example"));
        assertThrows(IllegalArgumentException.class, () -> AddressRange.parse("10.0.0.0/33"));
    }

    @Test
    void theAllowListNamesHostsAndRanges() {
        TargetPolicy policy = new TargetPolicy(new FixedAllow(List.of("localhost", "10.9.0.0/16")));
        assertEquals(80, policy.resolve("http://10.9.1.1/x").port());
        TargetPolicy.Refused refused = assertThrows(TargetPolicy.Refused.class,
                () -> policy.resolve("https://10.10.0.1/x"));
        assertTrue(refused.getMessage().contains("10.10.0.1, a private address"), refused.getMessage());
        assertEquals(443, policy.resolve("https://localhost/x").port(),
                "an allowed host name, whatever it resolves to");
    }

    /** Only the allow-list matters to the policy. */
    private record FixedAllow(List<String> entries) implements io.tandem.config.WebhookConfig {
        public boolean enabled() {
            return true;
        }

        public Optional<List<String>> allow() {
            return Optional.of(entries);
        }

        public String pollInterval() {
            return "1s";
        }

        public java.time.Duration connectTimeout() {
            return java.time.Duration.ofSeconds(1);
        }

        public java.time.Duration responseTimeout() {
            return java.time.Duration.ofSeconds(1);
        }

        public int perEndpointConcurrency() {
            return 1;
        }

        public java.time.Duration retryInitial() {
            return java.time.Duration.ofSeconds(1);
        }

        public java.time.Duration retryMaxInterval() {
            return java.time.Duration.ofSeconds(1);
        }

        public java.time.Duration retryWindow() {
            return java.time.Duration.ofHours(24);
        }

        public java.time.Duration keepDelivered() {
            return java.time.Duration.ofDays(1);
        }
    }
}

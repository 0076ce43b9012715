package io.tandem.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.signaling.room.Role;
import io.tandem.signaling.socket.SignalUpgrade;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The upgrade's Origin must be on the allow-list (the relay's, or TANDEM_SIGNALING_ALLOWED_ORIGINS standalone): a page
 * of another site gets 403 before any WebSocket exists, even with a valid token; an allowed page connects.
 */
class SignalingOriginTest {

    private final SignalingHarness harness = new SignalingHarness(new SignalingConfig(0, Duration.ofSeconds(30),
            64 * 1024).withAllowedOrigins(
                    WebSocketOrigins.of(List.of("https://tandem.test",
                            "https://www.insurer.example:8443/"))));

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aForeignOrMissingOriginIsRefusedWith403AndNoSocket() {
        try (LogCapture log = new LogCapture()) {
            for (String origin : new String[]{"https://evil.example", "https://tandem.test.evil.example",
                    "http://tandem.test", "https://www.insurer.example", "null", null}) {
                String token = harness.token("s-1", "advisor-7", Role.ADVISOR);
                assertEquals(403, harness.refusedStatusFrom(origin, "s-1", SignalUpgrade.PROTOCOL,
                        SignalUpgrade.BEARER_PREFIX + token), "Origin " + origin);
                assertEquals(0, harness.server.rooms(), "no room was opened for Origin " + origin);
                List<String> lines = log.lines();
                assertFalse(lines.stream().anyMatch(l -> l.contains(token)), "the token is never logged: " + lines);
            }
            // one line per refusal, naming the origin
            assertEquals(6, log.containing("Refused signaling upgrade").size(), log.lines().toString());
            assertEquals(1, log.containing("origin https://evil.example not allowed").size(), log.lines().toString());
            assertEquals(List.of(), log.thrown());
        }
    }

    @Test
    void anAllowedOriginConnects() {
        for (String origin : new String[]{"https://tandem.test", "https://www.insurer.example:8443"}) {
            SignalClient advisor = harness.connectFrom(origin, new WebSocketProbe(), "s-" + origin.length(),
                    SignalUpgrade.PROTOCOL, SignalUpgrade.BEARER_PREFIX
                            + harness.token("s-" + origin.length(), "advisor-7", Role.ADVISOR));
            advisor.next("welcome");
            advisor.roundTrip();
            assertTrue(advisor.isOpen());
        }
    }

    @Test
    void anOriginAllowedWhileRunningConnectsAndOnceTakenAwayNewUpgradesAre403() {
        String site = "https://www.added.example";
        assertEquals(403, harness.refusedStatusFrom(site, "s-run", SignalUpgrade.PROTOCOL,
                SignalUpgrade.BEARER_PREFIX + harness.token("s-run", "advisor-7", Role.ADVISOR)));

        harness.server.allowOrigins(WebSocketOrigins.of(List.of("https://tandem.test", site)));
        SignalClient advisor = harness.connectFrom(site, new WebSocketProbe(), "s-run", SignalUpgrade.PROTOCOL,
                SignalUpgrade.BEARER_PREFIX + harness.token("s-run", "advisor-7", Role.ADVISOR));
        advisor.next("welcome");

        harness.server.allowOrigins(WebSocketOrigins.of(List.of("https://tandem.test")));
        assertEquals(403, harness.refusedStatusFrom(site, "s-run", SignalUpgrade.PROTOCOL,
                SignalUpgrade.BEARER_PREFIX + harness.token("s-run", "customer", Role.CUSTOMER)));
        advisor.roundTrip();
        assertTrue(advisor.isOpen(), "a socket already open stays open");
    }

    @Test
    void originsAreComparedAsBrowsersSendThem() {
        WebSocketOrigins origins = WebSocketOrigins
                .of(List.of(" https://Tandem.Example/app/ ", "http://127.0.0.1:8081"));

        assertTrue(origins.allows("https://tandem.example"));
        assertTrue(origins.allows("HTTPS://TANDEM.EXAMPLE"));
        assertTrue(origins.allows("http://127.0.0.1:8081"));
        assertFalse(origins.allows("https://tandem.example:443"));
        assertFalse(origins.allows("http://127.0.0.1"));
        assertFalse(origins.allows("null"));
        assertFalse(origins.allows(null));
        assertFalse(WebSocketOrigins.NONE.allows("https://tandem.example"));
        assertEquals(WebSocketOrigins.of(List.of("https://a.example", "https://b.example")),
                WebSocketOrigins.parse(" https://a.example/ ,, https://b.example"));
        assertTrue(WebSocketOrigins.parse(null).isEmpty());
    }
}

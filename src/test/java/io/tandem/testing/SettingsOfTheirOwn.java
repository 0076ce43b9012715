package io.tandem.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The settings a few suites test where the test profile has others: demo customers and touchpoints seeded into the
 * empty database (DemoSeederTest, as bin/run's demo profile has it), no proxy in front trusted (ClientAddressTest:
 * production's default; the test profile trusts one so tests can name a client's address), and low relay limits per
 * participant (ParticipantRateLimitTest, instead of the test profile's 64 MiB/s). None of these suites is touched by
 * the others' settings, so they share one profile and the app starts once for all of them rather than once each; a
 * suite whose settings would clash with these takes a profile of its own.
 */
public class SettingsOfTheirOwn implements QuarkusTestProfile {

    /** Relay bytes a participant may send a second. */
    public static final int RELAY_RATE = 1_048_576;
    /** Relay bytes a participant may send at once. */
    public static final int RELAY_BURST = 2_097_152;
    /** Relay connects a participant may make at once (then 60 a minute). */
    public static final int CONNECT_BURST = 5;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("tandem.demo.seed", "true",
                "quarkus.http.proxy.proxy-address-forwarding", "false",
                "quarkus.http.proxy.allow-x-forwarded", "false",
                "tandem.relay.bytes-per-second", String.valueOf(RELAY_RATE),
                "tandem.relay.byte-burst", String.valueOf(RELAY_BURST),
                "tandem.relay.connect-burst", String.valueOf(CONNECT_BURST),
                "tandem.relay.connects-per-minute", "60");
    }
}

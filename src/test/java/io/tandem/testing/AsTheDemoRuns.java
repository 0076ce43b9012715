package io.tandem.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The app configured as bin/run's demo profile has it, where the test profile differs: demo customers and touchpoints
 * seeded into the empty database ({@code tandem.demo.seed}), and no proxy in front trusted (production's default,
 * which the demo keeps; the test profile trusts one so tests can name a client's address). One profile for the suites
 * that need either, so the app starts once for them.
 */
public class AsTheDemoRuns implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("tandem.demo.seed", "true",
                "quarkus.http.proxy.proxy-address-forwarding", "false",
                "quarkus.http.proxy.allow-x-forwarded", "false");
    }
}

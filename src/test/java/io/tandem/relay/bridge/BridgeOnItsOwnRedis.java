package io.tandem.relay.bridge;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The bridge on, as node "test-a", against a redis-server of the tests' own ({@link RedisOfItsOwn}, started before
 * the app) that a test may kill and start again: one profile for the bridge's suites, so the app starts once for them.
 * Short heartbeat and time-to-lives, so a node or a claim that is gone expires within the tests' waits.
 */
public class BridgeOnItsOwnRedis implements QuarkusTestProfile {

    /** This node's id in Redis (the claims it holds, the envelopes addressed to it, its health check). */
    static final String NODE = "test-a";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("tandem.relay.bridge.enabled", "true", "tandem.relay.bridge.node-id", NODE,
                "tandem.relay.bridge.heartbeat", "300ms", "tandem.relay.bridge.node-ttl", "2s",
                "tandem.relay.bridge.claim-ttl", "4s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Started.class));
    }

    /** Starts the tests' Redis before the app, and kills it when the app stops. */
    public static class Started implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try {
                RedisOfItsOwn.start();
                return Map.of("quarkus.redis.hosts", RedisOfItsOwn.url());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void stop() {
            try {
                RedisOfItsOwn.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

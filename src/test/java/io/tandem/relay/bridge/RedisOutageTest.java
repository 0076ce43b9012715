package io.tandem.relay.bridge;

import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.newSession;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.Poll;
import io.tandem.testing.RelayClient;
import io.tandem.testing.TestTokens;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A Redis outage with the bridge on, against a redis-server of the test's own that it kills and starts again: a
 * session with everyone on this node goes on as if nothing happened, the bridge reports itself degraded (not the
 * node's readiness), and it recovers by itself when Redis is back.
 */
@QuarkusTest
@TestProfile(BridgeOnItsOwnRedis.class)
class RedisOutageTest {

    @TestHTTPResource("/")
    URI base;

    private static String bridgeStatus() {
        return RestAssured.given().port(io.tandem.testing.TestPorts.management()).get("/q/health/well").then().extract()
                .jsonPath()
                .getString("checks.find { it.name == 'relay-bridge' }.status");
    }

    private static void awaitBridge(String status) {
        Poll.until(Duration.ofSeconds(10), () -> status.equals(bridgeStatus()), "relay-bridge " + status);
    }

    @Test
    void aSessionOnOneNodeOutlivesAnOutageAndTheBridgeRecovers() throws Exception {
        awaitBridge("UP");
        JsonPath created = newSession(TestTokens.advisor1(), "Outage Olga");
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        try (RelayClient customer = RelayClient.customer(base, id, credential).hello();
                RelayClient advisor = RelayClient.staff(base, id, TestTokens.advisor1()).hello()) {
            customer.sendReliable("dom.snap", null, "{\"html\":\"<p>one</p>\"}");
            advisor.await("dom.snap");

            RedisOfItsOwn.kill();
            awaitBridge("DOWN");
            // degraded, not unready: this node still takes sessions
            RestAssured.given().port(io.tandem.testing.TestPorts.management()).get("/q/health/ready").then()
                    .statusCode(200);
            RestAssured.given().port(io.tandem.testing.TestPorts.management()).get("/q/health/well").then()
                    .statusCode(503)
                    .body("checks.find { it.name == 'relay-bridge' }.data.mode", org.hamcrest.Matchers.startsWith(
                            "degraded"));
            // the session goes on, both ways
            customer.sendReliable("dom.mut", null, "{\"m\":\"during\"}");
            assertEquals("{\"m\":\"during\"}", new String(advisor.await("dom.mut").payload(),
                    StandardCharsets.UTF_8));
            // and a new connection to it is still admitted (its room is here)
            try (RelayClient watcher = RelayClient.staff(base, id, TestTokens.supervisor1()).hello()) {
                assertEquals("{\"html\":\"<p>one</p>\"}", new String(watcher.await("dom.snap").payload(),
                        StandardCharsets.UTF_8));
            }

            RedisOfItsOwn.start();
            awaitBridge("UP");
            customer.sendReliable("dom.mut", null, "{\"m\":\"after\"}");
            assertEquals("{\"m\":\"after\"}", new String(advisor.await("dom.mut").payload(),
                    StandardCharsets.UTF_8));
        }
        RestAssured.given().port(io.tandem.testing.TestPorts.management()).get("/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'relay-bridge' }.data.node", equalTo(BridgeOnItsOwnRedis.NODE));
    }
}

package io.tandem.relay.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.tandem.testing.TestPorts;
import jakarta.inject.Inject;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * Without the bridge (the default) the router is the local one, chosen once: rooms are in process, every admission
 * names this node, and the relay-bridge health check says so. (RelayBridgeTest covers the Redis router's choice.)
 */
@QuarkusTest
class RoutingTest {

    @Inject
    RoomRouter router;

    @Test
    void theDefaultRouterKeepsRoomsInThisProcess() {
        RouterStatus status = router.status();
        assertFalse(status.multiNode());
        assertTrue(status.connected());
        assertEquals(LocalRouter.HERE, router.resolve(UUID.randomUUID()).await().indefinitely());
        assertFalse(router.stopping());
        RestAssured.given().port(TestPorts.management()).get("/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'relay-bridge' }.data.mode", Matchers.equalTo("single node"));
    }
}

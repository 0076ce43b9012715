package io.tandem.multinode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.Poll;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kill -9 of the only node while it delivers webhooks: after the restart every event is delivered, and an event that
 * arrives twice (its attempt was cut off by the kill) arrives under the same webhook-id with the same body.
 */
class WebhookRestartIT {

    @RegisterExtension
    static final Cluster SOLO = Cluster.single("hooks");

    private static final int EVENTS = 40;

    /** One delivery as the receiver saw it. */
    private record Seen(String id, String body) {}

    @Test
    void afterKillMinusNineEveryEventIsDeliveredAndNoneTwiceUnderDifferentIds() throws Exception {
        Node node = SOLO.node("hooks");
        ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            seen.add(new Seen(exchange.getRequestHeaders().getFirst("webhook-id"),
                    new String(body, StandardCharsets.UTF_8)));
            LockSupport.parkNanos(Duration.ofMillis(150).toNanos()); // a receiver that takes its time: the kill
                                                                     // finds deliveries in flight
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String admin = SOLO.token("hooks-admin", "Hooks Admin", "admin");
        String endpoint = null;
        try {
            String advisor = SOLO.token("hooks-advisor", "Hooks Advisor", "advisor");
            endpoint = NodeApi.as(node, admin).body(Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort()
                    + "/hooks", "eventTypes", List.of("touchpoint.completed"))).post("/api/admin/webhooks").then()
                    .statusCode(201).extract().path("id");
            List<String> sessions = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                String id = NodeApi.as(node, advisor).body(Map.of("customer", Map.of("name", "Hooked " + i)))
                        .post("/api/sessions").then().statusCode(201).extract().path("id");
                NodeApi.end(node, advisor, id);
                sessions.add(id);
            }
            Poll.until(Duration.ofSeconds(30), () -> seen.size() >= 5, "deliveries under way");
            node.kill();
            assertTrue(seen.size() < EVENTS, "the kill came during the deliveries: " + seen.size());
            SOLO.ensureRunning();

            Poll.until(Duration.ofSeconds(120), () -> sessions.stream().allMatch(s -> seen.stream()
                    .anyMatch(r -> r.body().contains(s))), "every event delivered after the restart");
            Map<String, Set<String>> idsBySession = new HashMap<>();
            Map<String, Set<String>> bodiesById = new HashMap<>();
            for (Seen r : seen) {
                String session = JsonPath.from(r.body()).getString("data.sessionId");
                idsBySession.computeIfAbsent(session, k -> new HashSet<>()).add(r.id());
                bodiesById.computeIfAbsent(r.id(), k -> new HashSet<>()).add(r.body());
            }
            for (String s : sessions) {
                assertEquals(1, idsBySession.get(s).size(), "one webhook-id for the event of session " + s);
            }
            bodiesById.forEach((id, bodies) -> assertEquals(1, bodies.size(), "one body under " + id));
        } finally {
            if (endpoint != null && node.isRunning()) {
                NodeApi.as(node, admin).delete("/api/admin/webhooks/" + endpoint);
            }
            receiver.stop(0);
        }
    }
}

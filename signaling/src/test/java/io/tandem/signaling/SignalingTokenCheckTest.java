package io.tandem.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.signaling.room.Role;
import io.tandem.signaling.socket.SignalUpgrade;
import io.tandem.signaling.token.TestTokens;
import io.tandem.signaling.token.TokenKeys;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tokens are checked on threads of their own, bounded: a stuck check holds up no relay, and a full queue answers 503. */
class SignalingTokenCheckTest {

    private final TestTokens tokens = new TestTokens();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean hold;
    private final SignalingHarness harness = new SignalingHarness(new SignalingConfig(0, Duration.ofSeconds(30),
            64 * 1024, 256 * 1024, TestTokens.ISSUER, 1, 1), holding(tokens.tokenKeys()));

    @AfterEach
    void stop() {
        release.countDown();
        harness.close();
    }

    @Test
    void aStuckCheckHoldsUpNoRelayAndUpgradesBeyondTheQueueGet503() throws Exception {
        SignalClient advisor = joined("live", "advisor-1", Role.ADVISOR);
        SignalClient customer = joined("live", "customer-1", Role.CUSTOMER);
        advisor.next("peer-joined");

        hold = true;
        WebSocketProbe checking = new WebSocketProbe();
        CompletableFuture<Session> first = connect(checking, "held", "advisor-2", Role.ADVISOR);
        assertTrue(entered.await(5, TimeUnit.SECONDS), "the first check should have started");
        WebSocketProbe queued = new WebSocketProbe();
        CompletableFuture<Session> second = connect(queued, "held", "customer-2", Role.CUSTOMER);

        // The one check thread is stuck and the one queue place taken: the next upgrade is refused at once.
        assertEquals(503, harness.refusedStatus("held", SignalUpgrade.PROTOCOL, SignalUpgrade.BEARER_PREFIX
                + tokens.mint("held", "supervisor-2", Role.SUPERVISOR)));
        // Meanwhile the call already connected negotiates as usual.
        advisor.send("{\"type\":\"offer\",\"sdp\":\"v=0 during a stuck check\"}");
        JsonNode offer = customer.next("offer");
        assertEquals("v=0 during a stuck check", offer.path("sdp").asText());

        release.countDown();
        SignalClient held = new SignalClient(first.get(5, TimeUnit.SECONDS), checking);
        held.next("welcome");
        SignalClient heldCustomer = new SignalClient(second.get(5, TimeUnit.SECONDS), queued);
        heldCustomer.next("welcome");
        held.next("peer-joined");
    }

    private SignalClient joined(String sessionId, String subject, Role role) throws Exception {
        WebSocketProbe probe = new WebSocketProbe();
        SignalClient client = new SignalClient(connect(probe, sessionId, subject, role).get(5, TimeUnit.SECONDS),
                probe);
        client.next("welcome");
        return client;
    }

    private CompletableFuture<Session> connect(WebSocketProbe probe, String sessionId, String subject, Role role)
            throws Exception {
        ClientUpgradeRequest request = new ClientUpgradeRequest(URI.create("ws://127.0.0.1:" + harness.server.port()
                + "/signal/" + sessionId));
        request.setSubProtocols(SignalUpgrade.PROTOCOL, SignalUpgrade.BEARER_PREFIX + tokens.mint(sessionId, subject,
                role));
        return harness.client.connect(probe, request);
    }

    /** The keys, with key resolution (part of every check) stuck while {@code hold} is set, until released. */
    private TokenKeys holding(TokenKeys keys) {
        VerificationKeyResolver resolver = (jws, nesting) -> {
            if (hold) {
                entered.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return keys.resolver().resolveKey(jws, nesting);
        };
        return () -> resolver;
    }
}

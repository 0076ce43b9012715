package io.tandem.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.signaling.room.Role;
import io.tandem.signaling.socket.SignalUpgrade;
import io.tandem.signaling.token.TestTokens;
import io.tandem.signaling.token.TokenKeys;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
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
        // Two more upgrades while the one check thread is stuck: the queue has one place, so whichever of them reaches
        // the server second is refused at once with 503, and the other waits its turn.
        WebSocketProbe secondProbe = new WebSocketProbe();
        CompletableFuture<Session> second = connect(secondProbe, "held", "customer-2", Role.CUSTOMER);
        WebSocketProbe thirdProbe = new WebSocketProbe();
        CompletableFuture<Session> third = connect(thirdProbe, "held-too", "advisor-3", Role.ADVISOR);
        CompletableFuture.anyOf(second, third).handle((v, e) -> null).get(5, TimeUnit.SECONDS);
        boolean secondRefused = second.isCompletedExceptionally();
        CompletableFuture<Session> refused = secondRefused ? second : third;
        ExecutionException e = assertThrows(ExecutionException.class, () -> refused.get(1, TimeUnit.SECONDS));
        assertEquals(503, assertInstanceOf(UpgradeException.class, e.getCause()).getResponseStatusCode());
        // Meanwhile the call already connected negotiates as usual.
        advisor.send("{\"type\":\"offer\",\"to\":\"customer-1\",\"sdp\":\"v=0 during a stuck check\"}");
        JsonNode offer = customer.next("offer");
        assertEquals("v=0 during a stuck check", offer.path("sdp").asText());

        release.countDown();
        SignalClient held = new SignalClient(first.get(5, TimeUnit.SECONDS), checking);
        held.next("welcome");
        SignalClient waited = secondRefused
                ? new SignalClient(third.get(5, TimeUnit.SECONDS), thirdProbe)
                : new SignalClient(second.get(5, TimeUnit.SECONDS), secondProbe);
        waited.next("welcome");
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
        ClientUpgradeRequest request = harness.request(SignalingHarness.ORIGIN, sessionId, SignalUpgrade.PROTOCOL,
                SignalUpgrade.BEARER_PREFIX + tokens.mint(sessionId, subject, role));
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

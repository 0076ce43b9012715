package io.tandem.standalone;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.testing.BrowserPages;
import io.tandem.testing.CallMedia;
import io.tandem.testing.Poll;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Video calls through standalone signaling as k8s/ deploys it: the packaged app with its embedded signaling off, and
 * two signaling replicas started by the image's script with the app's JWKS and Redis. A call between two Chromium
 * pages (fake camera and microphone) decodes frames on both sides, and its seconds reach the session's touchpoint over
 * the Redis stream; with the customer on one replica and the advisor on the other, they still meet. A site origin an
 * admin adds at run time may open signaling sockets on both replicas within seconds, and no longer once removed.
 */
class StandaloneSignalingIT {

    @RegisterExtension
    static final StandaloneDeployment DEPLOYMENT = new StandaloneDeployment("a", "b");

    /** Frames each side must have decoded before the hang-up. */
    private static final int FRAMES_BEFORE_HANGUP = 60;

    private final BrowserPages pages = new BrowserPages();

    @AfterEach
    void close() {
        pages.closeAll();
        BrowserCall.closeAll();
    }

    @Test
    void aCallThroughStandaloneSignalingDecodesFramesAndItsSecondsReachTheTouchpoint() {
        callAndCount(BrowserCall.open(DEPLOYMENT, pages, "Standalone Stella", null, null));
    }

    @Test
    void theCustomerOnOneReplicaAndTheAdvisorOnTheOtherMeet() {
        // the app sends browsers to replica a; the advisor's page is sent to b, as a load balancer might
        String from = DEPLOYMENT.replica("a").url() + "/";
        String to = DEPLOYMENT.replica("b").url() + "/";
        String toReplicaB = "(() => { const Native = window.WebSocket;"
                + " window.WebSocket = class extends Native { constructor(url, protocols) {"
                + " super(String(url).replace('" + from + "', '" + to + "'), protocols); } }; })()";
        callAndCount(BrowserCall.open(DEPLOYMENT, pages, "Replica Rosa", null, toReplicaB));
    }

    @Test
    void aSiteOriginAddedAtRunTimeMayOpenSignalingOnEveryReplicaUntilRemoved() {
        String site = "https://added-" + Long.toHexString(System.nanoTime()) + ".example";
        RequestSpecification admin = given().baseUri(DEPLOYMENT.origin()).contentType(ContentType.JSON).auth()
                .oauth2(DEPLOYMENT.token("sa-admin", "Standalone Admin", "admin"));
        // no token offered: past the Origin check the upgrade is refused with 401, before it with 403
        for (String replica : List.of("a", "b")) {
            assertEquals(403, upgradeStatus(replica, site), "replica " + replica + " before the site was added");
        }
        admin.body(Map.of("origin", site)).post("/api/admin/sites").then().statusCode(201);
        for (String replica : List.of("a", "b")) {
            Poll.until(Duration.ofSeconds(20), () -> upgradeStatus(replica, site), s -> s == 401,
                    "replica " + replica + " allows the added site");
        }
        admin.queryParam("origin", site).delete("/api/admin/sites").then().statusCode(200);
        for (String replica : List.of("a", "b")) {
            Poll.until(Duration.ofSeconds(20), () -> upgradeStatus(replica, site), s -> s == 403,
                    "replica " + replica + " refuses the removed site");
        }
    }

    /** The HTTP status a signaling upgrade from a page of {@code origin}, with no token, gets from the replica. */
    private static int upgradeStatus(String replica, String origin) {
        URI uri = URI.create(DEPLOYMENT.replica(replica).url().replaceFirst("^http", "ws") + "/signal/"
                + UUID.randomUUID());
        try {
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", origin)
                    .subprotocols("tandem-signal.v1").connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(uri, new WebSocket.Listener() {
                    }).get(10, TimeUnit.SECONDS);
            socket.abort();
            return 101;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw new IllegalStateException("upgrade to " + uri + " failed", e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("upgrade to " + uri + " did not answer", e);
        }
    }

    private static void callAndCount(BrowserCall call) {
        long started = System.nanoTime();
        call.start();
        BrowserCall.awaitFrames(call.customer, 1);
        long firstFrame = System.nanoTime(); // the call was answered before this
        BrowserCall.awaitFrames(call.customer, FRAMES_BEFORE_HANGUP);
        BrowserCall.awaitFrames(call.console, FRAMES_BEFORE_HANGUP);
        // the fake camera's frame rate varies with the machine's load: hold the call for whole seconds, media flowing
        CallMedia.awaitMediaFor(call.customer, 2500);
        long atLeastMillis = (System.nanoTime() - firstFrame) / 1_000_000;
        call.hangUp();
        long callMillis = (System.nanoTime() - started) / 1_000_000;

        // the replica reports the call on the Redis stream; the app adds it to the touchpoint
        call.asAdvisor().body(Map.of("outcome", "resolved")).post("/api/sessions/" + call.sessionId + "/end").then()
                .statusCode(200);
        String customerId = call.asAdvisor().get("/api/sessions/" + call.sessionId).then().extract().path(
                "customer.id");
        int seconds = Poll.until(Duration.ofSeconds(15), () -> call.asAdvisor().get("/api/customers/" + customerId
                + "/timeline").then().statusCode(200).extract().jsonPath().getInt("items[0].counters.videoSeconds"),
                s -> s > 0, "video seconds on the touchpoint");
        assertTrue(seconds >= Math.max(1, atLeastMillis / 1000) && seconds <= callMillis / 1000 + 1,
                "the touchpoint holds " + seconds + " s of a call that lasted at least " + atLeastMillis
                        + " ms and at most " + callMillis + " ms");
    }
}

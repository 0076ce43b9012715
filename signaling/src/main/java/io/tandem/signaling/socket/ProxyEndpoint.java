package io.tandem.signaling.socket;

import io.tandem.signaling.SignalingCloseCode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * A participant's signaling socket whose room lives on another replica (RoomRouter): the socket is relayed, message
 * for message, to that replica's {@code /signal/{sessionId}} with the participant's own token and Origin, so the
 * holder checks and admits it as any other; what the holder sends comes back the same way, close codes included. If
 * the holder goes away the socket is closed with 1001 and the browser reconnects with a fresh token (and lands in the
 * room wherever it is then). Public because Jetty invokes listeners through method handles.
 */
public class ProxyEndpoint implements Session.Listener.AutoDemanding, WebSocket.Listener {

    /** Marks a relayed upgrade: the replica receiving it serves it itself (no second hop). */
    public static final String HOP_HEADER = "X-Tandem-Signaling-Hop";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private static final System.Logger LOG = System.getLogger(ProxyEndpoint.class.getName());

    /** The holder answered the upgrade with an HTTP error (e.g. 410 for an ended session): the client gets it too. */
    static final class Refused extends Exception {
        final int status;

        Refused(int status) {
            super("refused with " + status, null, false, false);
            this.status = status;
        }
    }

    /** The holder could not be reached at all. */
    static final class Unreachable extends Exception {
        Unreachable(String why) {
            super(why, null, false, false);
        }
    }

    private final long outboundQueueBytes;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final StringBuilder upstreamText = new StringBuilder();
    private volatile WebSocket upstream;
    private volatile Session session;
    private volatile Outbox outbox;
    private CompletableFuture<WebSocket> sending;

    private ProxyEndpoint(long outboundQueueBytes) {
        this.outboundQueueBytes = outboundQueueBytes;
    }

    /** Opens the relayed socket to {@code holder} (ws://host:port) before the client's upgrade is answered. */
    static ProxyEndpoint connect(HttpClient http, String holder, String sessionId, String origin, String protocol,
            String bearer, long outboundQueueBytes) throws Refused, Unreachable, InterruptedException {
        ProxyEndpoint proxy = new ProxyEndpoint(outboundQueueBytes);
        CompletableFuture<WebSocket> opening = http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT)
                .header("Origin", origin).header(HOP_HEADER, "1").subprotocols(protocol, bearer)
                .buildAsync(URI.create(holder + "/signal/" + sessionId), proxy);
        try {
            WebSocket ws = opening.get(CONNECT_TIMEOUT.toMillis() + 2_000, TimeUnit.MILLISECONDS);
            proxy.upstream = ws;
            proxy.sending = CompletableFuture.completedFuture(ws);
            return proxy;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                throw new Refused(refused.getResponse().statusCode());
            }
            throw new Unreachable(String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            opening.cancel(true);
            throw new Unreachable("no answer within " + CONNECT_TIMEOUT.toSeconds() + " s");
        }
    }

    // ---- the client's socket (Jetty)

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        this.outbox = new Outbox(session, outboundQueueBytes);
        if (closing.get()) {
            session.close(SignalingCloseCode.GOING_AWAY.code(), "signaling replica unavailable", Callback.NOOP);
            return;
        }
        upstream.request(1); // the holder's messages flow from now on (none were read before: no buffering here)
    }

    @Override
    public void onWebSocketText(String message) {
        if (closing.get()) {
            return;
        }
        synchronized (this) {
            // java.net.http allows one send at a time: messages go out in order, each after the previous
            sending = sending.thenCompose(ws -> ws.sendText(message, true));
            sending.whenComplete((ws, failure) -> {
                if (failure != null) {
                    closeClient(SignalingCloseCode.GOING_AWAY.code(), "signaling replica unavailable");
                }
            });
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        closing.set(true);
        WebSocket ws = upstream;
        // java.net.http sends only 1000 and 3000-4999
        int code = statusCode == 1000 || (statusCode >= 3000 && statusCode <= 4999) ? statusCode : 1000;
        synchronized (this) {
            sending = sending.thenCompose(w -> w.sendClose(code, ""));
            sending.whenComplete((w, failure) -> {
                if (failure != null) {
                    ws.abort();
                }
            });
        }
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        closing.set(true);
        WebSocket ws = upstream;
        if (ws != null) {
            ws.abort();
        }
    }

    // ---- the holder's socket (java.net.http)

    @Override
    public void onOpen(WebSocket webSocket) {
        // no request(1) yet: the holder's first messages wait until the client's socket is open
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        String whole = null;
        synchronized (upstreamText) {
            upstreamText.append(data);
            if (last) {
                whole = upstreamText.toString();
                upstreamText.setLength(0);
            }
        }
        if (whole != null && !closing.get() && !outbox.offer(whole)) {
            closeClient(SignalingCloseCode.SLOW_CONSUMER.code(), SignalingCloseCode.SLOW_CONSUMER.reason());
            webSocket.abort();
            return null;
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeClient(statusCode, reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        LOG.log(System.Logger.Level.DEBUG, "Relayed signaling socket failed: {0}", error.toString());
        closeClient(SignalingCloseCode.GOING_AWAY.code(), "signaling replica unavailable");
    }

    /** Closes the client's socket with the holder's code; before it is open, it is closed as soon as it opens. */
    private void closeClient(int code, String reason) {
        closing.set(true);
        Session s = session;
        if (s != null) {
            Outbox out = outbox;
            if (out != null) {
                out.drop();
            }
            s.close(code, reason, Callback.NOOP);
        }
    }
}

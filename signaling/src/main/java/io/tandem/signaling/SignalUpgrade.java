package io.tandem.signaling;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketCreator;

/**
 * Decides whether an upgrade to {@code /signal/{id}} may proceed: without a {@code token} query parameter it is
 * refused with HTTP 401 before any socket exists. The token is not verified yet (the JWT check comes with signaling);
 * that is safe only because the endpoint it admits does nothing but close.
 */
public class SignalUpgrade implements WebSocketCreator {

    static final String TOKEN_PARAMETER = "token";

    @Override
    public Object createWebSocket(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        String token = Request.extractQueryParameters(request).getValue(TOKEN_PARAMETER);
        if (token == null || token.isBlank()) {
            // Rejecting here answers plain HTTP, which browsers and probes report better than a close frame.
            Response.writeError(request, response, callback, HttpStatus.UNAUTHORIZED_401,
                    "A signaling token is required");
            return null;
        }
        return new SignalEndpoint();
    }
}

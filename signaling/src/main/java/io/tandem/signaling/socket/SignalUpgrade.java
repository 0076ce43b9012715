package io.tandem.signaling.socket;

import io.tandem.signaling.SignalingConfig;
import io.tandem.signaling.WebSocketOrigins;
import io.tandem.signaling.message.MessageCodec;
import io.tandem.signaling.room.Rooms;
import io.tandem.signaling.token.TokenRejectedException;
import io.tandem.signaling.token.TokenVerifier;
import io.tandem.signaling.token.VerifiedToken;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.pathmap.UriTemplatePathSpec;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketCreator;

/**
 * Decides an upgrade to {@code /signal/{sessionId}} before any socket exists: the client offers the subprotocols
 * {@value #PROTOCOL} and {@code bearer.<jwt>} (never the URL, which ends up in access logs). An Origin header missing or
 * not on the allow-list is HTTP 403 (checked first), no or an invalid token 401, a valid token of another session 403,
 * a session the app has ended 410, a missing {@value #PROTOCOL} 400; otherwise the server selects {@value #PROTOCOL}. Token values are never logged.
 */
public class SignalUpgrade implements WebSocketCreator {

    public static final String PROTOCOL = "tandem-signal.v1";
    public static final String BEARER_PREFIX = "bearer.";
    public static final UriTemplatePathSpec PATH = new UriTemplatePathSpec("/signal/{sessionId}");

    private static final System.Logger LOG = System.getLogger(SignalUpgrade.class.getName());

    private final TokenVerifier verifier;
    private final Rooms rooms;
    private final MessageCodec codec;
    private final SignalingConfig config;

    public SignalUpgrade(TokenVerifier verifier, Rooms rooms, MessageCodec codec, SignalingConfig config) {
        this.verifier = verifier;
        this.rooms = rooms;
        this.codec = codec;
        this.config = config;
    }

    @Override
    public Object createWebSocket(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        String sessionId = PATH.getPathParams(Request.getPathInContext(request)).get("sessionId");
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (!config.allowedOrigins().allows(origin)) {
            return refuse(request, response, callback, HttpStatus.FORBIDDEN_403, sessionId,
                    "origin " + WebSocketOrigins.printable(origin) + " not allowed",
                    "This page may not open signaling connections");
        }
        List<String> protocols = request.getSubProtocols();
        List<String> tokens = protocols.stream().filter(p -> p.startsWith(BEARER_PREFIX)).toList();
        if (tokens.size() != 1) {
            return refuse(request, response, callback, HttpStatus.UNAUTHORIZED_401, sessionId,
                    tokens.isEmpty() ? "no bearer token offered" : "several bearer tokens offered",
                    "A signaling token is required");
        }
        VerifiedToken verified;
        try {
            verified = verify(request, tokens.get(0).substring(BEARER_PREFIX.length()));
        } catch (TokenRejectedException e) {
            return refuse(request, response, callback, HttpStatus.UNAUTHORIZED_401, sessionId, e.getMessage(),
                    "Invalid signaling token");
        }
        if (!verified.sessionId().equals(sessionId)) {
            return refuse(request, response, callback, HttpStatus.FORBIDDEN_403, sessionId,
                    "token of session " + verified.sessionId(), "This token is for another session");
        }
        if (rooms.ended(sessionId)) {
            return refuse(request, response, callback, HttpStatus.GONE_410, sessionId, "session ended",
                    "This session has ended");
        }
        if (!protocols.contains(PROTOCOL)) {
            return refuse(request, response, callback, HttpStatus.BAD_REQUEST_400, sessionId,
                    "subprotocol " + PROTOCOL + " not offered", "Subprotocol " + PROTOCOL + " is required");
        }
        response.setAcceptedSubProtocol(PROTOCOL);
        return new SignalEndpoint(rooms, codec, sessionId, verified.participant(), config.maxMessageBytes(),
                config.outboundQueueBytes(), config.messageBurst(), config.messagesPerSecond());
    }

    /** The check {@link TokenCheckHandler} made ahead on its own threads, or (without one for this token) a check now. */
    private VerifiedToken verify(ServerUpgradeRequest request, String token) throws TokenRejectedException {
        if (request.getAttribute(TokenCheckHandler.ATTRIBUTE) instanceof TokenCheckHandler.Checked checked
                && checked.token().equals(token)) {
            return checked.result();
        }
        return verifier.verify(token);
    }

    /** Rejecting here answers plain HTTP, which browsers and probes report better than a close frame. */
    private static Object refuse(Request request, Response response, Callback callback, int status, String sessionId,
            String why, String message) {
        LOG.log(System.Logger.Level.INFO, "Refused signaling upgrade to session {0} with {1}: {2}",
                printable(sessionId), Integer.toString(status), why);
        Response.writeError(request, response, callback, status, message);
        return null;
    }

    /** The path comes from the client: keep log lines single and short. */
    private static String printable(String value) {
        String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return shown.replaceAll("[^\\x20-\\x7e]", "?");
    }
}

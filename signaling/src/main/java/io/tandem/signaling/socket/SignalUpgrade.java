package io.tandem.signaling.socket;

import io.tandem.signaling.LiveOrigins;
import io.tandem.signaling.SignalingConfig;
import io.tandem.signaling.WebSocketOrigins;
import io.tandem.signaling.message.MessageCodec;
import io.tandem.signaling.room.Rooms;
import io.tandem.signaling.token.TokenRejectedException;
import io.tandem.signaling.token.TokenVerifier;
import io.tandem.signaling.token.VerifiedToken;
import io.tandem.signaling.ends.RoomRouter;
import java.net.http.HttpClient;
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
    private final LiveOrigins origins;
    /** Where rooms live when several replicas run (null: every room is local). */
    private final RoomRouter router;
    private final HttpClient replicas;

    public SignalUpgrade(TokenVerifier verifier, Rooms rooms, MessageCodec codec, SignalingConfig config,
            LiveOrigins origins) {
        this(verifier, rooms, codec, config, origins, null);
    }

    public SignalUpgrade(TokenVerifier verifier, Rooms rooms, MessageCodec codec, SignalingConfig config,
            LiveOrigins origins, RoomRouter router) {
        this.origins = origins;
        this.verifier = verifier;
        this.rooms = rooms;
        this.codec = codec;
        this.config = config;
        this.router = router;
        this.replicas = router == null
                ? null
                : HttpClient.newBuilder().connectTimeout(ProxyEndpoint.CONNECT_TIMEOUT)
                        .build();
    }

    @Override
    public Object createWebSocket(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        String sessionId = PATH.getPathParams(Request.getPathInContext(request)).get("sessionId");
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (!origins.allows(origin)) {
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
        if (router != null && request.getHeaders().get(ProxyEndpoint.HOP_HEADER) == null) {
            Object relayed = relayToHolder(request, response, callback, sessionId, origin, tokens.get(0));
            if (relayed != null) {
                return relayed == REFUSED ? null : relayed;
            }
        }
        return new SignalEndpoint(rooms, codec, sessionId, verified.participant(), config.maxMessageBytes(),
                config.outboundQueueBytes(), config.messageBurst(), config.messagesPerSecond());
    }

    private static final Object REFUSED = new Object();

    /**
     * With several replicas: a socket for a room another replica holds is relayed there. Null when the room is here
     * (claimed now, or taken over from a holder that cannot be reached); otherwise the relaying endpoint, or
     * {@link #REFUSED} when the upgrade was refused (the response is written).
     */
    private Object relayToHolder(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback,
            String sessionId, String origin, String bearer) {
        String holder = router.claim(sessionId);
        for (int attempt = 0; attempt < 2 && !holder.equals(router.self()); attempt++) {
            try {
                ProxyEndpoint relayed = ProxyEndpoint.connect(replicas, holder, sessionId, origin, PROTOCOL, bearer,
                        config.outboundQueueBytes());
                LOG.log(System.Logger.Level.INFO, "Relaying a socket of session {0} to replica {1}, which holds its"
                        + " room", printable(sessionId), holder);
                return relayed;
            } catch (ProxyEndpoint.Refused e) {
                refuse(request, response, callback, e.status, sessionId, "refused by the replica holding the room",
                        "Signaling refused this connection");
                return REFUSED;
            } catch (ProxyEndpoint.Unreachable e) {
                LOG.log(System.Logger.Level.INFO, "Replica {0} holding the room of session {1} is unreachable ({2});"
                        + " taking the room over", holder, printable(sessionId), e.getMessage());
                holder = router.takeOver(sessionId, holder);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                refuse(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, sessionId, "interrupted",
                        "Signaling is stopping");
                return REFUSED;
            }
        }
        return holder.equals(router.self()) ? null : unavailable(request, response, callback, sessionId);
    }

    private static Object unavailable(Request request, Response response, Callback callback, String sessionId) {
        refuse(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, sessionId,
                "the replica holding the room is unreachable", "Signaling is unavailable; try again");
        return REFUSED;
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

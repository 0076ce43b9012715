package io.tandem.signaling;

import io.tandem.signaling.ends.CallSecondsPublisher;
import io.tandem.signaling.ends.OriginsFollower;
import io.tandem.signaling.ends.RoomRouter;
import io.tandem.signaling.ends.SessionEndSubscriber;
import io.tandem.signaling.room.CallListener;
import io.tandem.signaling.token.TokenKeys;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Runs the signaling server on its own (e.g. as a Kubernetes deployment), configured from the environment; token keys
 * come from the app's JWK set at {@code TANDEM_SIGNALING_JWKS_URL} (required), and the pages allowed to connect are
 * listed in {@code TANDEM_SIGNALING_ALLOWED_ORIGINS} (required). With {@code TANDEM_SIGNALING_REDIS_URL} it hears of
 * the sessions the app ends ({@link SessionEndSubscriber}) and closes their calls, reports the length of every call to
 * the app on a Redis stream ({@link CallSecondsPublisher}), and also allows the site origins admins add at run time
 * ({@link OriginsFollower}).
 */
public final class SignalingMain {

    static final String JWKS_URL = "TANDEM_SIGNALING_JWKS_URL";
    static final String REDIS_URL = "TANDEM_SIGNALING_REDIS_URL";
    static final String REPLICA_URL = "TANDEM_SIGNALING_REPLICA_URL";

    /** How long a stopping server waits for Redis to take the last call reports. */
    static final Duration CALLS_GRACE = Duration.ofSeconds(3);

    private static final System.Logger LOG = System.getLogger(SignalingMain.class.getName());

    private SignalingMain() {}

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        URI redis = redisUrl(env);
        CallSecondsPublisher calls = redis == null ? null : new CallSecondsPublisher(redis).start();
        RoomRouter router = redis == null ? null : router(redis, env);
        SignalingConfig config = config(env);
        SignalingServer server = new SignalingServer(config, keys(env), calls == null
                ? CallListener.NONE
                : calls, router);
        server.start();
        SessionEndSubscriber ends = redis == null
                ? null
                : new SessionEndSubscriber(redis, server::endSession,
                        (sessionId, participantId, in) -> {
                            if (in) {
                                server.startSeat(sessionId, participantId);
                            } else {
                                server.endSeat(sessionId, participantId);
                            }
                        }).start();
        // the site origins admins add and remove at run time, as the app nodes keep them in Redis
        OriginsFollower origins = redis == null
                ? null
                : new OriginsFollower(redis, config.allowedOrigins(), server::allowOrigins).start();
        // SIGTERM from Kubernetes runs this hook: sockets are closed with 1001 and open requests finish.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (ends != null) {
                ends.close();
            }
            if (origins != null) {
                origins.close();
            }
            server.stop(); // ends the calls still up: their seconds are reported below
            if (calls != null) {
                calls.close(CALLS_GRACE);
            }
            if (router != null) {
                router.close(); // after the rooms closed: their claims are released for the other replicas
            }
        }, "signaling-shutdown"));
        LOG.log(System.Logger.Level.INFO, "Signaling server listening on port {0}", Integer.toString(server.port()));
        // Jetty's non-daemon threads keep the process alive after main returns.
    }

    /** The settings, which must name at least one allowed origin: a server that refuses everything is a mistake. */
    static SignalingConfig config(Map<String, String> env) {
        SignalingConfig config = SignalingConfig.fromEnv(env);
        if (config.allowedOrigins().isEmpty()) {
            throw new IllegalArgumentException(SignalingConfig.ALLOWED_ORIGINS + " must list the origins of the pages"
                    + " that open video calls (usually the app's public URL), e.g. https://tandem.example");
        }
        return config;
    }

    /** Where the app publishes session ends (its relay bridge's Redis), or null: calls then outlive their session. */
    static URI redisUrl(Map<String, String> env) {
        String url = env.get(REDIS_URL);
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(url.trim());
            new SessionEndSubscriber(uri, id -> {}); // checks the form; nothing is started
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(REDIS_URL + " must be a redis:// or rediss:// URL, e.g."
                    + " redis://redis:6379", e);
        }
    }

    /**
     * With several replicas, {@code TANDEM_SIGNALING_REPLICA_URL} says how the others reach this one (in Kubernetes
     * ws://$(POD_IP):8444): rooms are then claimed in Redis and sockets for a room elsewhere are relayed there. Null
     * without it: every room is local (one replica, or the ingress routes both people of a session to one replica).
     */
    static RoomRouter router(URI redis, Map<String, String> env) {
        String url = env.get(REPLICA_URL);
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            return new RoomRouter(redis, url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(REPLICA_URL + " must be the ws:// URL other replicas reach this one"
                    + " at, e.g. ws://10.0.3.7:8444", e);
        }
    }

    static TokenKeys keys(Map<String, String> env) {
        String url = env.get(JWKS_URL);
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(JWKS_URL + " must name the app's signaling JWK set, e.g."
                    + " https://tandem.example/api/signaling/jwks");
        }
        try {
            return TokenKeys.fromJwksUrl(URI.create(url.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(JWKS_URL + " is not an http(s) URL: '" + url + "'", e);
        }
    }
}

package io.tandem.signaling;

import io.tandem.signaling.ends.SessionEndSubscriber;
import io.tandem.signaling.token.TokenKeys;
import java.net.URI;
import java.util.Map;

/**
 * Runs the signaling server on its own (e.g. as a Kubernetes deployment), configured from the environment; token keys
 * come from the app's JWK set at {@code TANDEM_SIGNALING_JWKS_URL} (required), and the pages allowed to connect are
 * listed in {@code TANDEM_SIGNALING_ALLOWED_ORIGINS} (required). With {@code TANDEM_SIGNALING_REDIS_URL} it hears of
 * the sessions the app ends ({@link SessionEndSubscriber}) and closes their calls.
 */
public final class SignalingMain {

    static final String JWKS_URL = "TANDEM_SIGNALING_JWKS_URL";
    static final String REDIS_URL = "TANDEM_SIGNALING_REDIS_URL";

    private static final System.Logger LOG = System.getLogger(SignalingMain.class.getName());

    private SignalingMain() {}

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        SignalingServer server = new SignalingServer(config(env), keys(env));
        URI redis = redisUrl(env);
        server.start();
        SessionEndSubscriber ends = redis == null ? null : new SessionEndSubscriber(redis, server::endSession).start();
        // SIGTERM from Kubernetes runs this hook: sockets are closed with 1001 and open requests finish.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (ends != null) {
                ends.close();
            }
            server.stop();
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

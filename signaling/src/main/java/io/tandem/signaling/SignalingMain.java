package io.tandem.signaling;

import io.tandem.signaling.token.TokenKeys;
import java.net.URI;
import java.util.Map;

/**
 * Runs the signaling server on its own (e.g. as a Kubernetes deployment), configured from the environment; token keys
 * come from the app's JWK set at {@code TANDEM_SIGNALING_JWKS_URL} (required), and the pages allowed to connect are
 * listed in {@code TANDEM_SIGNALING_ALLOWED_ORIGINS} (required).
 */
public final class SignalingMain {

    static final String JWKS_URL = "TANDEM_SIGNALING_JWKS_URL";

    private static final System.Logger LOG = System.getLogger(SignalingMain.class.getName());

    private SignalingMain() {}

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        SignalingServer server = new SignalingServer(config(env), keys(env));
        server.start();
        // SIGTERM from Kubernetes runs this hook: sockets are closed with 1001 and open requests finish.
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "signaling-shutdown"));
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

package io.tandem.signaling;

/** Runs the signaling server on its own (e.g. as a Kubernetes deployment), configured from the environment. */
public final class SignalingMain {

    private static final System.Logger LOG = System.getLogger(SignalingMain.class.getName());

    private SignalingMain() {}

    public static void main(String[] args) {
        SignalingServer server = new SignalingServer(SignalingConfig.fromEnv(System.getenv()));
        server.start();
        // SIGTERM from Kubernetes runs this hook, so open requests finish before the process exits.
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "signaling-shutdown"));
        LOG.log(System.Logger.Level.INFO, "Signaling server listening on port {0}", Integer.toString(server.port()));
        // Jetty's non-daemon threads keep the process alive after main returns.
    }
}

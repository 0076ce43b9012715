package io.tandem.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The app's HTTP, signaling and management ports in tests: free ports chosen once per test JVM, before Quarkus starts (by
 * {@link TestPortsListener}), and kept in system properties: {@code quarkus.http.test-port}, which Quarkus and the
 * %test origins in application.properties read, and {@value #SIGNALING}, the embedded signaling server's. So two test
 * runs on one machine do not collide, and Keycloak can be told the app's redirect URIs before the app starts.
 * Ports come from below the kernel's ephemeral range, where outgoing connections never take one; a port given with
 * -Dquarkus.http.test-port (or -Dtandem-test.signaling-port) is kept.
 */
public final class TestPorts {

    public static final String HTTP = "quarkus.http.test-port";
    public static final String SIGNALING = "tandem-test.signaling-port";
    public static final String MANAGEMENT = "quarkus.management.test-port";
    private static final int LOWEST = 20000;
    private static final int HIGHEST = 32000; // Linux's ephemeral range starts at 32768

    private TestPorts() {}

    /** Chooses both ports unless already chosen (system properties are the one copy across class loaders). */
    public static void choose() {
        synchronized (System.class) {
            if (System.getProperty(HTTP) == null) {
                System.setProperty(HTTP, String.valueOf(free(-1)));
            }
            if (System.getProperty(SIGNALING) == null) {
                System.setProperty(SIGNALING, String.valueOf(free(Integer.parseInt(System.getProperty(HTTP).trim()))));
            }
            if (System.getProperty(MANAGEMENT) == null) {
                System.setProperty(MANAGEMENT, String.valueOf(free(Integer.parseInt(System.getProperty(HTTP).trim()),
                        Integer.parseInt(System.getProperty(SIGNALING).trim()))));
            }
        }
    }

    /** The app's HTTP port in this test JVM. */
    public static int http() {
        return port(HTTP);
    }

    /** The embedded signaling server's port in this test JVM. */
    public static int signaling() {
        return port(SIGNALING);
    }

    /** The management port (health, metrics, OpenAPI) in this test JVM. */
    public static int management() {
        return port(MANAGEMENT);
    }

    /** Tandem's own origin as browsers in the tests use it. */
    public static String base() {
        return "http://localhost:" + http();
    }

    /** The firm's site in the tests: the same server under another origin (127.0.0.1 instead of localhost). */
    public static String site() {
        return "http://127.0.0.1:" + http();
    }

    private static int port(String property) {
        choose();
        int port = Integer.parseInt(System.getProperty(property).trim());
        if (port <= 0) {
            throw new IllegalStateException(property + "=" + port + ": the tests need the port before the app starts"
                    + " (origins, Keycloak's redirect URIs); leave it unset to get a free one");
        }
        return port;
    }

    private static int free(int... not) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
            if (java.util.Arrays.stream(not).anyMatch(taken -> taken == port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(port));
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + HIGHEST);
    }
}

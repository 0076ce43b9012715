package io.tandem.multinode;

import io.tandem.bench.BenchOidc;
import io.tandem.bench.BenchTokens;
import io.tandem.testing.TestDatabase;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Tandem nodes sharing one PostgreSQL database (the tests', see TestDatabase), the Redis at 127.0.0.1:6379, one customer credential
 * secret and one OIDC provider (a small one of the test's own, as the benchmark uses), with the relay bridge on. A
 * JUnit extension: the nodes start before the first test and stop after the last; a failed test prints the tail of
 * every node's log. Nodes a test stopped or killed are started again by {@link #ensureRunning()}, with the same
 * ports and the same customer credential secret (as bin/run and k8s configure it), so clients can come back.
 * {@link #single} is one node with the bridge off.
 */
final class Cluster implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    static final String REDIS = "redis://127.0.0.1:6379";
    static final Path DIR = Path.of("target", "multinode").toAbsolutePath();
    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<String> ids;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String credentialSecret;
    private final boolean bridge;
    private BenchOidc oidc;
    private BenchTokens tokens;

    Cluster(String... ids) {
        this(true, ids);
    }

    /** One node on its own, the relay bridge off: a single-node deployment. */
    static Cluster single(String id) {
        return new Cluster(false, id);
    }

    private Cluster(boolean bridge, String... ids) {
        this.bridge = bridge;
        this.ids = List.of(ids);
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.credentialSecret = Base64.getEncoder().encodeToString(secret);
    }

    Node node(String id) {
        return nodes.get(id);
    }

    /** A staff token (advisor, supervisor) both nodes accept, valid for an hour. */
    String token(String user, String name, String role) {
        return tokens.staff(user, name, role, 3600);
    }

    HttpClient http() {
        return http;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " not found: the multi-node tests run the packaged app; run them"
                    + " with ./mvnw verify (package comes first)");
        }
        Files.createDirectories(DIR);
        try (var old = Files.list(DIR)) {
            for (Path p : old.toList()) {
                Files.deleteIfExists(p);
            }
        }
        oidc = BenchOidc.start();
        tokens = new BenchTokens(oidc.issuer());
        oidc.serve(tokens);
        for (String id : ids) {
            nodes.put(id, new Node(id, DIR));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> nodes.values().forEach(Node::killNow),
                "multinode-stop-nodes"));
        ensureRunning();
    }

    /** Starts every node that is not running (all at once) and waits until each is ready. */
    void ensureRunning() throws IOException, InterruptedException {
        List<Node> starting = new ArrayList<>();
        for (Node node : nodes.values()) {
            if (!node.isRunning()) {
                node.start(JAR, properties(node), env(node));
                starting.add(node);
            }
        }
        for (Node node : starting) {
            node.awaitReady(http);
        }
    }

    private Map<String, String> properties(Node node) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("tandem.public-url", node.origin());
        p.put("tandem.signaling.port", Integer.toString(node.signalingPort));
        p.put("tandem.relay.allowed-origins", String.join(",", nodes.values().stream().map(Node::origin).toList()));
        p.put("tandem.relay.reconnect-grace", "2s");
        p.put("tandem.customer.credential-secret", credentialSecret);
        p.put("quarkus.oidc.auth-server-url", oidc.issuer());
        p.put("quarkus.oidc.token.audience", BenchTokens.AUDIENCE);
        p.put("tandem.relay.bridge.enabled", Boolean.toString(bridge));
        p.put("tandem.relay.bridge.node-id", node.id);
        p.put("quarkus.redis.hosts", REDIS);
        // readiness is DOWN for this long after SIGTERM before the node stops (the app's default is 3 s)
        p.put("quarkus.shutdown.delay", "2s");
        // webhook receivers of the tests listen on 127.0.0.1; short attempts keep a killed node's claims short
        p.put("tandem.webhooks.allow", "127.0.0.1/32");
        p.put("tandem.webhooks.connect-timeout", "2s");
        p.put("tandem.webhooks.response-timeout", "3s");
        p.put("tandem.webhooks.retry-initial", "1s");
        return p;
    }

    private static Map<String, String> env(Node node) {
        return Map.of("TANDEM_DB_NAME", TestDatabase.name());
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        StringBuilder out = new StringBuilder();
        for (Node node : nodes.values()) {
            out.append("\n----- ").append(node).append(node.isRunning() ? "" : " (not running)")
                    .append(": last lines of ")
                    .append(node.log).append(" -----\n").append(node.tail(60)).append('\n');
        }
        System.err.println(context.getDisplayName() + " failed; node logs:" + out);
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        List<Thread> stopping = new ArrayList<>();
        for (Node node : nodes.values()) {
            Thread t = new Thread(node::stop, "stop-node-" + node.id);
            t.start();
            stopping.add(t);
        }
        for (Thread t : stopping) {
            t.join();
        }
        if (oidc != null) {
            oidc.close();
        }
    }
}

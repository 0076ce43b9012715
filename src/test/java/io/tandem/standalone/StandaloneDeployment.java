package io.tandem.standalone;

import io.tandem.bench.BenchOidc;
import io.tandem.bench.BenchServer;
import io.tandem.bench.BenchTokens;
import io.tandem.testing.PostgresTestResource;
import io.tandem.testing.TestDatabase;
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
 * The deployment k8s/ describes, as processes on this machine: the packaged app with its embedded signaling off and the
 * relay bridge on (Redis at 127.0.0.1:6379, the tests' PostgreSQL, a small OIDC provider of the test's own), and
 * standalone signaling replicas started by the image's script, verifying tokens with the app's JWKS and sharing the
 * app's Redis. Browsers are sent to the first replica (tandem.signaling.public-url). A JUnit extension: everything
 * starts before the first test and stops after the last; a failed test prints the tail of every log.
 */
final class StandaloneDeployment implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    static final String REDIS = "redis://127.0.0.1:6379";
    static final Path DIR = Path.of("target", "standalone").toAbsolutePath();
    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
    static final Duration READY_WITHIN = Duration.ofSeconds(90);

    private final List<String> replicaIds;
    private final Map<String, SignalingReplica> replicas = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private BenchOidc oidc;
    private BenchTokens tokens;
    private BenchServer app;
    private boolean withTurn;
    private Coturn coturn;
    private int appPort;
    private Path appLog;

    StandaloneDeployment(String... replicaIds) {
        this.replicaIds = List.of(replicaIds);
    }

    /** Also starts coturn with the app's TURN secret; the app hands browsers its URL and credentials. */
    StandaloneDeployment withTurn() {
        this.withTurn = true;
        return this;
    }

    Coturn coturn() {
        return coturn;
    }

    /** The app's origin: its public URL, where its pages run. */
    String origin() {
        return "http://localhost:" + appPort;
    }

    SignalingReplica replica(String id) {
        return replicas.get(id);
    }

    String token(String user, String name, String role) {
        return tokens.staff(user, name, role, 3600);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " not found: these tests run the packaged app; run them with"
                    + " ./mvnw verify (package comes first)");
        }
        Files.createDirectories(DIR);
        try (var old = Files.list(DIR)) {
            for (Path p : old.toList()) {
                Files.deleteIfExists(p);
            }
        }
        new PostgresTestResource().start(); // makes the checkout's test database if no test made it yet
        oidc = BenchOidc.start();
        tokens = new BenchTokens(oidc.issuer());
        oidc.serve(tokens);
        appPort = BenchServer.freePort();
        for (String id : replicaIds) {
            replicas.put(id, new SignalingReplica(id, BenchServer.freePort(), DIR));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "standalone-stop"));
        if (withTurn) {
            coturn = Coturn.start(DIR, BenchServer.freePort(), 200);
        }
        appLog = DIR.resolve("app.log");
        app = BenchServer.start(JAR, appLog, "512m", List.of(), appPort, appProperties(), Map.of("TANDEM_DB_NAME",
                TestDatabase.name()));
        app.awaitReady(http, READY_WITHIN);
        for (SignalingReplica replica : replicas.values()) {
            replica.start(signalingEnv(replica));
        }
        for (SignalingReplica replica : replicas.values()) {
            replica.awaitReady(http, READY_WITHIN);
        }
    }

    private Map<String, String> appProperties() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("tandem.public-url", origin());
        p.put("tandem.relay.allowed-origins", origin());
        p.put("tandem.customer.credential-secret", Base64.getEncoder().encodeToString(secret));
        p.put("quarkus.oidc.auth-server-url", oidc.issuer());
        p.put("quarkus.oidc.token.audience", BenchTokens.AUDIENCE);
        p.put("tandem.relay.bridge.enabled", "true");
        p.put("tandem.relay.bridge.node-id", "standalone-it-app");
        p.put("quarkus.redis.hosts", REDIS);
        // as k8s/ sets it: no signaling in the app, browsers go to the signaling service
        p.put("tandem.signaling.embedded", "false");
        p.put("tandem.signaling.public-url", replicas.values().iterator().next().url());
        p.put("quarkus.shutdown.delay", "1s");
        // the console takes the test's staff token from sessionStorage (as the fast suites do), no Keycloak sign-in
        p.put("quarkus.oidc.console.tenant-enabled", "false");
        p.put("quarkus.http.auth.permission.console.enabled", "false");
        if (coturn != null) {
            p.put("tandem.ice.turn-urls", coturn.url());
            p.put("tandem.ice.turn-secret", coturn.secret);
        }
        return p;
    }

    private Map<String, String> signalingEnv(SignalingReplica replica) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TANDEM_SIGNALING_JWKS_URL", origin() + "/api/signaling/jwks");
        env.put("TANDEM_SIGNALING_ALLOWED_ORIGINS", origin());
        env.put("TANDEM_SIGNALING_REDIS_URL", REDIS);
        env.put("TANDEM_SIGNALING_REPLICA_URL", "ws://127.0.0.1:" + replica.port);
        return env;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        StringBuilder out = new StringBuilder();
        out.append("\n----- app: last lines of ").append(appLog).append(" -----\n").append(tail(appLog, 60));
        if (coturn != null) {
            out.append("\n----- coturn: last lines of ").append(coturn.log).append(" -----\n").append(tail(coturn.log,
                    30));
        }
        for (SignalingReplica r : replicas.values()) {
            out.append("\n----- ").append(r).append(r.isAlive() ? "" : " (not running)").append(" -----\n")
                    .append(r.tail(150));
        }
        System.err.println(context.getDisplayName() + " failed; logs:" + out);
    }

    private static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (java.io.IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stopAll();
    }

    private synchronized void stopAll() {
        List<Thread> stopping = new ArrayList<>();
        for (SignalingReplica r : replicas.values()) {
            Thread t = new Thread(r::close, "stop-" + r.id);
            t.start();
            stopping.add(t);
        }
        if (app != null) {
            app.close();
        }
        for (Thread t : stopping) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (oidc != null) {
            oidc.close();
            oidc = null;
        }
        if (coturn != null) {
            coturn.close();
            coturn = null;
        }
    }
}

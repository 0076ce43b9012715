package io.tandem.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The packaged Tandem server as a process (prod profile, recording on as by default), set up as a single run sets it up
 * (RelayBench): its own OIDC provider for staff tokens, sessions opened over the REST API, then reused from point to
 * point (each point connects fresh sockets, which resume as a reloaded page would).
 */
final class TandemTarget implements BenchTarget {

    private final BenchServer server;
    private final BenchOidc oidc;
    private final BenchTokens tokens;
    private final BenchApi api;
    private final String origin;
    private final List<BenchApi.Ready> sessions = new ArrayList<>();

    private TandemTarget(BenchServer server, BenchOidc oidc, BenchTokens tokens, BenchApi api, String origin) {
        this.server = server;
        this.oidc = oidc;
        this.tokens = tokens;
        this.api = api;
        this.origin = origin;
    }

    static TandemTarget start(Path out, Path jar, HttpClient http, SideBySide.Options o) throws Exception {
        BenchOidc oidc = BenchOidc.start();
        BenchTokens tokens = new BenchTokens(oidc.issuer());
        oidc.serve(tokens);
        int port = BenchServer.freePort();
        String origin = "http://localhost:" + port;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("tandem.public-url", origin);
        props.put("tandem.customer.credential-secret", Base64.getEncoder().encodeToString(secret));
        props.put("quarkus.oidc.auth-server-url", oidc.issuer());
        props.put("quarkus.oidc.token.audience", BenchTokens.AUDIENCE);
        // Wrong join tries are counted in the machine's Redis, per client address: the bench's own counts, so tests of
        // the join limits running beside it (also from 127.0.0.1) cannot make its joins answer 429.
        props.put("tandem.join.shared-key-prefix", "tandem-bench:" + java.util.UUID.randomUUID() + ":join:");
        // A try is counted before its lookup and taken back once it succeeds, so the set-up's parallel joins from one
        // address would pass the per-address limit of wrong tries (5): the bench measures the relay, not join guarding.
        props.put("tandem.join.max-failures-per-minute", "1000000");
        BenchServer server = BenchServer.start(o.serverCpus, jar, out.resolve("server.log"), o.serverHeap,
                o.serverOpts, port, props, Map.of("TANDEM_DB_NAME", "tandem_bench"), false);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "bench-stop-server"));
        server.awaitReady(http, Duration.ofSeconds(180));
        return new TandemTarget(server, oidc, tokens, new BenchApi(http, server.base()), origin);
    }

    @Override
    public String name() {
        return "tandem";
    }

    @Override
    public String description() {
        return "Tandem as packaged, prod profile, recording on (default), relay limits at their defaults: `"
                + BenchTarget.shortCommand(server.command) + "`";
    }

    @Override
    public long pid() {
        return server.pid();
    }

    @Override
    public void ensureSessions(int n, int concurrency) throws Exception {
        List<Callable<BenchApi.Ready>> calls = new ArrayList<>();
        for (int i = sessions.size(); i < n; i++) {
            int k = i;
            calls.add(() -> api.open(tokens.advisor(k, 4 * 3600), String.format("Bench Customer %04d", k)));
        }
        sessions.addAll(SideBySide.all(calls, concurrency));
    }

    @Override
    public URI uri(int session) {
        return URI.create("ws://127.0.0.1:" + server.port + "/ws/sessions/" + sessions.get(session).sessionId());
    }

    @Override
    public String origin() {
        return origin;
    }

    @Override
    public String customerAuthorization(int session) {
        return "Customer " + sessions.get(session).customerCredential();
    }

    @Override
    public String advisorAuthorization(int session) {
        return "Bearer " + sessions.get(session).advisorToken();
    }

    @Override
    public Path gcLog() {
        return BenchServer.gcLog(server.log);
    }

    @Override
    public long startMillis() {
        return server.startMillis();
    }

    /** Ends the sessions over REST (their rooms and recordings close as in production), then stops the server. */
    @Override
    public void close() throws Exception {
        try {
            List<Callable<Void>> calls = new ArrayList<>();
            for (BenchApi.Ready r : sessions) {
                calls.add(() -> {
                    api.end(r);
                    return null;
                });
            }
            SideBySide.all(calls, 16);
        } finally {
            server.close();
            oidc.close();
        }
    }
}

package io.tandem.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@link BareForwarder} as a process, with the server's JVM options and pinning. Its clients present credentials of the
 * same shape and size as Tandem's (a signed RS256 advisor token, a customer credential), which it ignores, so the
 * harness' upgrade requests are the same bytes either way.
 */
final class ForwarderTarget implements BenchTarget {

    private final Process process;
    private final List<String> command;
    private final int port;
    private final Path gcLog;
    private final long startMillis;
    private final BenchTokens tokens = new BenchTokens("http://127.0.0.1:1/realms/bench");
    private final Map<Integer, String> advisorTokens = new ConcurrentHashMap<>();

    private ForwarderTarget(Process process, List<String> command, int port, Path gcLog) {
        this.process = process;
        this.command = command;
        this.port = port;
        this.gcLog = gcLog;
        this.startMillis = process.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(System
                .currentTimeMillis());
    }

    static ForwarderTarget start(Path out, String classpath, SideBySide.Options o) throws Exception {
        int port = BenchServer.freePort();
        Path gcLog = out.resolve("forwarder-gc.log");
        List<String> command = new ArrayList<>(o.serverCpus);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + o.serverHeap);
        command.addAll(o.serverOpts);
        command.add("-Xlog:gc:file=" + gcLog + ":uptime:filecount=0");
        command.add("-cp");
        command.add(classpath);
        command.add("io.tandem.bench.BareForwarder"); // by name: the harness has no Vert.x on its classpath
        command.add(Integer.toString(port));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.resolve(
                "forwarder.log").toFile()).start();
        ForwarderTarget t = new ForwarderTarget(p, command, port, gcLog);
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly, "bench-stop-forwarder"));
        t.awaitReady();
        return t;
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration
                .ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the forwarder exited with status " + process.exitValue()
                        + "; see target/bench/forwarder.log");
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IOException("the forwarder was not ready within 60 s; see target/bench/forwarder.log");
    }

    @Override
    public String name() {
        return "forwarder";
    }

    @Override
    public String description() {
        return "bare Vert.x forwarder (io.tandem.bench.BareForwarder: rooms by path, messages forwarded unparsed, no"
                + " auth, no limits, no recording): `" + BenchTarget.shortCommand(command) + "`";
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public void ensureSessions(int n, int concurrency) {
        // rooms exist as soon as a socket names them
    }

    @Override
    public URI uri(int session) {
        return URI.create("ws://127.0.0.1:" + port + "/ws/sessions/" + new UUID(0x7a6d, session));
    }

    @Override
    public String origin() {
        return "http://localhost:" + port;
    }

    @Override
    public String customerAuthorization(int session) {
        // tdc1.<sessionId>.<customerId>.<expiry>.<mac>, as Tandem's: never checked here
        return "Customer tdc1." + new UUID(0x7a6d, session) + "." + new UUID(0x7a6e, session) + ".1900000000."
                + "x".repeat(43);
    }

    @Override
    public String advisorAuthorization(int session) {
        return "Bearer " + advisorTokens.computeIfAbsent(session, i -> tokens.advisor(i, 4 * 3600));
    }

    @Override
    public Path gcLog() {
        return gcLog;
    }

    @Override
    public long startMillis() {
        return startMillis;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}

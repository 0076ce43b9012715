package io.tandem.signaling.bench;

import com.sun.net.httpserver.HttpServer;
import io.tandem.signaling.SignalingConfig;
import io.tandem.signaling.SignalingServer;
import io.tandem.signaling.WebSocketOrigins;
import io.tandem.signaling.token.TestTokens;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The signaling server under test: its port, the CPU it has used, and its GC pauses so far. */
interface BenchServer extends AutoCloseable {

    int port();

    /** CPU time of the server in ns (its threads when in-process, the whole process when forked). */
    long cpuNanos();

    /** Every GC pause of the server's JVM so far, in ms (empty when in-process: the harness' JVM is shared). */
    List<Double> gcPauses();

    String describe();

    @Override
    void close() throws Exception;

    /** In the harness' JVM, with the key handed over in-process as the embedded server gets the app's key. */
    static BenchServer inProcess(TestTokens tokens) {
        SignalingServer server = new SignalingServer(new SignalingConfig(0, Duration.ofSeconds(30), 64 * 1024)
                .withAllowedOrigins(WebSocketOrigins.of(List.of(BenchRoom.ORIGIN))), tokens.tokenKeys());
        server.start();
        return new BenchServer() {
            @Override
            public int port() {
                return server.port();
            }

            @Override
            public long cpuNanos() {
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                long nanos = 0;
                for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                    if (info != null && info.getThreadName().startsWith("signaling")) {
                        nanos += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
                    }
                }
                return nanos;
            }

            @Override
            public List<Double> gcPauses() {
                return List.of();
            }

            @Override
            public String describe() {
                return "in the harness' JVM";
            }

            @Override
            public void close() {
                server.stop();
            }
        };
    }

    /**
     * The standalone server ({@code SignalingMain}) in its own JVM, as deployed: it fetches the token keys from a JWK
     * set the harness publishes over HTTP, as the app publishes its own.
     */
    static BenchServer forked(TestTokens tokens, String java, List<String> jvmOptions) throws Exception {
        byte[] jwks = tokens.publicKeys().toJson().getBytes(StandardCharsets.UTF_8);
        HttpServer keys = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        keys.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        keys.start();
        return fork("bench-signaling-server", "io.tandem.signaling.SignalingMain", Map.of("TANDEM_SIGNALING_PORT", "0",
                "TANDEM_SIGNALING_ALLOWED_ORIGINS", BenchRoom.ORIGIN, "TANDEM_SIGNALING_JWKS_URL",
                "http://127.0.0.1:" + keys.getAddress().getPort() + "/jwks"), java, jvmOptions, () -> keys.stop(0));
    }

    /** The anchor: the bare Jetty echo ({@link EchoServer}) in its own JVM with the same options as the server. */
    static BenchServer forkedEcho(String java, List<String> jvmOptions) throws Exception {
        return fork("bench-signaling-echo", EchoServer.class.getName(), Map.of(), java, jvmOptions, () -> {});
    }

    /** Starts {@code mainClass} in a JVM of its own; its output goes to target/{name}.log, its GC log beside it. */
    private static BenchServer fork(String name, String mainClass, Map<String, String> env, String java,
            List<String> jvmOptions, Runnable afterClose) throws Exception {
        Path log = Path.of("target", name + ".log");
        Path gcLog = Path.of("target", name + "-gc.log");
        Files.deleteIfExists(gcLog);
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Xlog:gc,gc+phases:file=" + gcLog, "-cp", System.getProperty("java.class.path"),
                mainClass));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        int port = awaitPort(process, log);
        return new BenchServer() {
            @Override
            public int port() {
                return port;
            }

            @Override
            public long cpuNanos() {
                try {
                    String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // utime and stime (fields 14 and 15 of the whole line) in clock ticks of 1/100 s
                    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
                } catch (IOException | RuntimeException e) {
                    return -1;
                }
            }

            @Override
            public List<Double> gcPauses() {
                List<Double> pauses = new ArrayList<>();
                Pattern pause = Pattern.compile("\\bPause .* (\\d+\\.\\d+)ms$");
                try {
                    for (String line : Files.readAllLines(gcLog)) {
                        Matcher m = pause.matcher(line);
                        if (m.find()) {
                            pauses.add(Double.parseDouble(m.group(1)));
                        }
                    }
                } catch (IOException e) {
                    // no log yet: no pauses
                }
                return pauses;
            }

            @Override
            public String describe() {
                return "its own JVM (" + String.join(" ", jvmOptions) + ")";
            }

            @Override
            public void close() throws Exception {
                process.destroy(); // SIGTERM: the server's shutdown hook closes sockets and stops
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                afterClose.run();
            }
        };
    }

    private static int awaitPort(Process process, Path log) throws Exception {
        Pattern listening = Pattern.compile("listening on port (\\d+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                Matcher m = listening.matcher(Files.readString(log));
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the signaling server exited; see " + log);
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the signaling server did not report its port within 30 s; see " + log);
    }
}

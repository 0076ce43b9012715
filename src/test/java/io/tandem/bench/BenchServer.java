package io.tandem.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Tandem server under test, as a separate process (java -jar quarkus-run.jar, prod profile) with its log in a
 * file. Also reads what the benchmark needs from outside the process: live heap (jcmd), CPU time and threads (/proc).
 * The multi-node integration tests start their nodes with it too (io.tandem.multinode).
 */
public final class BenchServer implements AutoCloseable {

    /** Live heap after a full GC, from jcmd GC.class_histogram: total bytes and bytes per class. */
    record Heap(long bytes, long instances, Map<String, Long> bytesByClass, Map<String, Long> instancesByClass,
            String histogram) {}

    private static final Pattern HISTO_LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");
    private static final Pattern HISTO_TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)\\s*$");

    final int port;
    /** The management port: health, metrics (TANDEM_MANAGEMENT_PORT, free unless the caller's env sets it). */
    final int managementPort;
    final Path log;
    final List<String> command;
    private final Process process;
    private final long startMillis;

    private BenchServer(int port, int managementPort, Path log, List<String> command, Process process) {
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
        this.command = command;
        this.process = process;
        this.startMillis = process.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(System
                .currentTimeMillis());
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /** Starts the server; {@code properties} become -D options, {@code env} is added to the inherited environment. */
    public static BenchServer start(Path jar, Path log, String heap, List<String> jvmOptions, int port,
            Map<String, String> properties,
            Map<String, String> env) throws IOException {
        return start(jar, log, heap, jvmOptions, port, properties, env, false);
    }

    /** As {@link #start(Path, Path, String, List, int, Map, Map)}; {@code appendLog} keeps what the log held. */
    public static BenchServer start(Path jar, Path log, String heap, List<String> jvmOptions, int port,
            Map<String, String> properties, Map<String, String> env, boolean appendLog) throws IOException {
        return start(List.of(), jar, log, heap, jvmOptions, port, properties, env, appendLog);
    }

    /**
     * As {@link #start(Path, Path, String, List, int, Map, Map, boolean)}, the command run through {@code prefix}
     * (e.g. {@code taskset -c 0}, which execs java: the process is still the JVM).
     */
    public static BenchServer start(List<String> prefix, Path jar, Path log, String heap, List<String> jvmOptions,
            int port, Map<String, String> properties, Map<String, String> env, boolean appendLog)
            throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.addAll(jvmOptions);
        command.add("-Xlog:gc:file=" + gcLog(log) + ":uptime:filecount=0");
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(appendLog
                        ? ProcessBuilder.Redirect.appendTo(log.toFile())
                        : ProcessBuilder.Redirect.to(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(env);
        builder.environment().put("TANDEM_HTTP_PORT", Integer.toString(port));
        int management = env.containsKey("TANDEM_MANAGEMENT_PORT")
                ? Integer.parseInt(env.get("TANDEM_MANAGEMENT_PORT"))
                : freePort();
        builder.environment().put("TANDEM_MANAGEMENT_PORT", Integer.toString(management));
        return new BenchServer(port, management, log, command, builder.start());
    }

    /** The GC log beside the server log: server.log has server-gc.log. */
    static Path gcLog(Path log) {
        return log.resolveSibling(log.getFileName().toString().replaceFirst("\\.log$", "") + "-gc.log");
    }

    /** When the server process started, in epoch milliseconds (the zero of its GC log's uptime). */
    long startMillis() {
        return startMillis;
    }

    public long pid() {
        return process.pid();
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Health and metrics: the management port. */
    public URI management() {
        return URI.create("http://127.0.0.1:" + managementPort);
    }

    /** Waits until /q/health/ready answers 200; fails if the process exits first. */
    public void awaitReady(HttpClient http, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(management().resolve("/q/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the server exited during start-up with status " + process.exitValue()
                        + "; see " + log);
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IOException("the server was not ready within " + timeout.toSeconds() + " s; see " + log);
    }

    /** Runs jcmd against the server and returns its output. */
    String jcmd(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        command.add(Long.toString(pid()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + String.join(" ", args) + " failed: " + new String(out,
                    StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Full GC, then the live heap by class (GC.class_histogram collects before it counts). */
    Heap liveHeap() throws IOException, InterruptedException {
        jcmd("GC.run");
        Thread.sleep(500);
        String histogram = jcmd("GC.class_histogram");
        Map<String, Long> byClass = new HashMap<>();
        Map<String, Long> countByClass = new HashMap<>();
        long total = -1;
        long instances = -1;
        for (String line : histogram.split("\n")) {
            Matcher m = HISTO_LINE.matcher(line);
            if (m.matches()) {
                byClass.merge(m.group(3), Long.parseLong(m.group(2)), Long::sum);
                countByClass.merge(m.group(3), Long.parseLong(m.group(1)), Long::sum);
                continue;
            }
            Matcher t = HISTO_TOTAL.matcher(line.trim());
            if (t.matches()) {
                instances = Long.parseLong(t.group(1));
                total = Long.parseLong(t.group(2));
            }
        }
        if (total < 0) {
            throw new IOException("unexpected GC.class_histogram output: " + histogram.lines().limit(5).toList());
        }
        return new Heap(total, instances, byClass, countByClass, histogram);
    }

    /** CPU time (user + system) consumed by each server thread so far, in clock ticks, keyed by thread name group. */
    Map<String, Long> threadTicks() {
        return threadTicks(pid());
    }

    /** As {@link #threadTicks()}, for any process. */
    static Map<String, Long> threadTicks(long pid) {
        Map<String, Long> ticks = new HashMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (var dirs = Files.list(tasks)) {
            for (Path task : dirs.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String name = threadGroup(stat.substring(open + 1, close));
                    String[] f = stat.substring(close + 2).split(" ");
                    // after "pid (comm) ": state(0) ... utime is field 14 of stat, i.e. index 11 here; stime 12
                    ticks.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return ticks;
        }
        return ticks;
    }

    /** Thread names without their running number, so pools add up ("vert.x-eventloo", "GC Thread", ...). */
    static String threadGroup(String name) {
        return name.replaceAll("[#-]?\\d+$", "").trim();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM without waiting: Quarkus shuts down gracefully. */
    public void terminate() {
        process.destroy();
    }

    /** SIGKILL: the process ends at once, its sockets drop without a close handshake. */
    public void kill() {
        process.destroyForcibly();
    }

    /** Waits until the process has exited; true if it did within {@code timeout}. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The exit status; only once the process has exited. */
    public int exitValue() {
        return process.exitValue();
    }

    /** SIGTERM (Quarkus shuts down gracefully), SIGKILL after 20 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

package io.tandem.multinode;

import io.tandem.bench.BenchServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One Tandem node of the test cluster: the packaged app as a process of its own (prod profile) on its own HTTP and
 * signaling ports, logging to target/multinode/{id}.log. Started again after a stop or a kill, on the same ports.
 */
final class Node {

    static final Duration READY_WITHIN = Duration.ofSeconds(90);

    final String id;
    final int httpPort;
    final int signalingPort;
    final int managementPort;
    final Path log;
    private BenchServer process;
    private int starts;
    private volatile boolean stopping;

    Node(String id, Path dir) throws IOException {
        this.id = id;
        this.httpPort = BenchServer.freePort();
        this.signalingPort = BenchServer.freePort();
        this.managementPort = BenchServer.freePort();
        this.log = dir.resolve(id + ".log");
    }

    /** Health and metrics (the management port, the same across restarts). */
    URI management() {
        return URI.create("http://localhost:" + managementPort);
    }

    /** Where clients reach the node: its HTTP base, also its public URL and the origin its pages run on. */
    URI base() {
        return URI.create("http://localhost:" + httpPort);
    }

    String origin() {
        return "http://localhost:" + httpPort;
    }

    /** Starts the process (log appended, each start marked); {@link #awaitReady} waits for it. */
    void start(Path jar, Map<String, String> properties, Map<String, String> env) throws IOException,
            InterruptedException {
        if (isRunning()) {
            throw new IllegalStateException("node " + id + " is running");
        }
        if (process != null && process.isAlive()) {
            // told to stop, still going: give it the test's shutdown grace, then make sure
            if (!process.awaitExit(Duration.ofSeconds(30))) {
                kill();
            }
        }
        stopping = false;
        starts++;
        Files.writeString(log, "===== node " + id + " start " + starts + " =====\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        Map<String, String> withManagement = new java.util.HashMap<>(env);
        withManagement.put("TANDEM_MANAGEMENT_PORT", Integer.toString(managementPort));
        process = BenchServer.start(jar, log, "512m", List.of(), httpPort, properties, withManagement, true);
    }

    void awaitReady(HttpClient http) throws IOException, InterruptedException {
        process.awaitReady(http, READY_WITHIN);
    }

    /** Alive and not told to stop. */
    boolean isRunning() {
        return process != null && process.isAlive() && !stopping;
    }

    /** SIGTERM, without waiting. */
    void terminate() {
        stopping = true;
        process.terminate();
    }

    /** SIGKILL (kill -9), waiting until the process is gone. */
    void kill() throws InterruptedException {
        stopping = true;
        process.kill();
        if (!process.awaitExit(Duration.ofSeconds(10))) {
            throw new AssertionError("node " + id + " still running 10 s after SIGKILL");
        }
    }

    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.awaitExit(timeout);
    }

    /** SIGKILL without waiting, for a JVM that is exiting. */
    void killNow() {
        if (process != null && process.isAlive()) {
            process.kill();
        }
    }

    /** Graceful stop (SIGTERM, SIGKILL after 20 s), for the end of the tests. */
    void stop() {
        if (process != null) {
            process.close();
        }
    }

    /** The last {@code lines} lines of the node's log. */
    String tail(int lines) {
        try {
            List<String> all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public String toString() {
        return "node " + id + " (" + base() + ")";
    }
}

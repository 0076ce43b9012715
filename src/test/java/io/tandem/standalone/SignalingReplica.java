package io.tandem.standalone;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One standalone signaling server as Kubernetes runs it: src/main/docker/signaling.sh (the image's entry point for the
 * signaling deployment) over the packaged app's fast-jar (target/quarkus-app), configured by TANDEM_SIGNALING_*
 * variables, logging to target/standalone/{id}.log.
 */
final class SignalingReplica implements AutoCloseable {

    static final Path SCRIPT = Path.of("src", "main", "docker", "signaling.sh").toAbsolutePath();
    static final Path APP_DIR = Path.of("target", "quarkus-app").toAbsolutePath();

    final String id;
    final int port;
    final Path log;
    private Process process;

    SignalingReplica(String id, int port, Path dir) {
        this.id = id;
        this.port = port;
        this.log = dir.resolve("signaling-" + id + ".log");
    }

    /** ws://localhost:{port}, where browsers reach this replica. */
    String url() {
        return "ws://localhost:" + port;
    }

    void start(Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of("sh", SCRIPT.toString())).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("TANDEM_APP_DIR", APP_DIR.toString());
        builder.environment().put("TANDEM_SIGNALING_PORT", Integer.toString(port));
        builder.environment().put("JAVA_OPTS", "-Xmx256m");
        process = builder.start();
    }

    /** Waits until GET /healthz answers 200 (what the readiness probe asks); fails if the process exits first. */
    void awaitReady(HttpClient http, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("signaling " + id + " exited during start-up with status " + process
                        .exitValue() + ":\n" + tail(40));
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IOException("signaling " + id + " not ready within " + timeout.toSeconds() + " s:\n" + tail(40));
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL, waiting until the process is gone: its sockets drop without a close handshake. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readString(log, StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** SIGTERM (the server closes its sockets with 1001 and stops), SIGKILL after 20 s. */
    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
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

    @Override
    public String toString() {
        return "signaling " + id + " (" + url() + ")";
    }
}

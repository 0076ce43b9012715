package io.tandem.standalone;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's coturn ({@code turnserver}, installed by ensure_coturn in bin/lib/services.sh) on free ports of this
 * machine, configured as a deployment's TURN server is: {@code use-auth-secret} with the secret the app derives its
 * short-lived TURN credentials from. It listens and relays on 127.0.0.1 only (loopback peers allowed, since both
 * browsers are on this machine); no TLS, no CLI; its SQLite file and log live in target/standalone.
 */
final class Coturn implements AutoCloseable {

    final int port;
    final String secret;
    final Path log;
    private final Process process;

    private Coturn(int port, String secret, Path log, Process process) {
        this.port = port;
        this.secret = secret;
        this.log = log;
        this.process = process;
    }

    /** The TURN URL browsers get from the app. */
    String url() {
        return "turn:127.0.0.1:" + port + "?transport=udp";
    }

    static Coturn start(Path dir, int port, int relayPorts) throws IOException, InterruptedException {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String secret = HexFormat.of().formatHex(random);
        Path log = dir.resolve("coturn.log");
        // relay ports: a block above the listening port (free ports are handed out from a wide range)
        int minPort = 20_000 + (port % 20_000);
        List<String> command = List.of("turnserver", "-n", "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1",
                "--listening-port=" + port, "--use-auth-secret", "--static-auth-secret=" + secret,
                "--realm=tandem.test", "--allow-loopback-peers", "--no-cli", "--no-tls", "--no-dtls",
                "--min-port=" + minPort, "--max-port=" + (minPort + relayPorts), "--log-file=stdout",
                "--simple-log", "--pidfile=" + dir.resolve("coturn.pid"), "-b", dir.resolve("turndb").toString());
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IOException("turnserver not found: install coturn (bash -c '. bin/lib/services.sh;"
                    + " ensure_coturn')", e);
        }
        Coturn coturn = new Coturn(port, secret, log, process);
        coturn.awaitListening(Duration.ofSeconds(20));
        return coturn;
    }

    private void awaitListening(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("turnserver exited with " + process.exitValue() + ":\n" + Files.readString(
                        log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(100); // not listening yet
            }
        }
        throw new IOException("turnserver not listening on " + port + " within " + timeout.toSeconds() + " s");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

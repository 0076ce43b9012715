package io.tandem.relay.bridge;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server of the test's own on a free port (the machine's Redis is shared with other suites), which the
 * test can kill and start again to cut the bridge off and bring it back. Nothing is persisted: a restart is empty.
 * Its port and process id are kept in the JVM's system properties (as strings): the test resource that starts it and the test that
 * kills it may be loaded by different class loaders.
 */
final class RedisOfItsOwn {

    private static final String PORT = "own-redis-for-tests.port";
    private static final String PROCESS = "own-redis-for-tests.pid";

    private RedisOfItsOwn() {}

    static synchronized int port() throws IOException {
        String port = System.getProperty(PORT);
        if (port == null) {
            try (ServerSocket s = new ServerSocket(0)) {
                port = Integer.toString(s.getLocalPort());
            }
            System.setProperty(PORT, port);
        }
        return Integer.parseInt(port);
    }

    static String url() throws IOException {
        return "redis://127.0.0.1:" + port();
    }

    static void start() throws IOException, InterruptedException {
        int port = port();
        Path dir = Files.createTempDirectory("tandem-redis");
        Process process = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString())).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start();
        System.setProperty(PROCESS, Long.toString(process.pid()));
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not start on " + port + ": " + Files.readString(dir
                .resolve("redis.log")));
    }

    /** Kills it (SIGKILL): connections drop as in a crash or a network cut. */
    static void kill() throws InterruptedException {
        String pid = System.clearProperty(PROCESS);
        if (pid != null) {
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(p -> {
                p.destroyForcibly();
                try {
                    p.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("redis-server " + pid + " did not stop", e);
                }
            });
        }
    }
}

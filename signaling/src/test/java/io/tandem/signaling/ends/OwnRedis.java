package io.tandem.signaling.ends;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A redis-server of the test's own on a free port (the machine's Redis is shared with other suites). */
public final class OwnRedis implements AutoCloseable {

    public final int port;
    private final Process process;

    public OwnRedis() throws IOException, InterruptedException {
        this(freePort());
    }

    /** On this port (e.g. again after {@link #close}, as a restarted Redis). */
    public OwnRedis(int port) throws IOException, InterruptedException {
        this.port = port;
        Path dir = Files.createTempDirectory("signaling-redis");
        process = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString())).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(50); // polling for the port to open
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("redis-server did not start: " + Files.readString(dir.resolve("redis.log")));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** PUBLISH; the number of subscribers that received it. */
    public long publish(String channel, String message) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5_000);
            String command = "*3\r\n$7\r\nPUBLISH\r\n$" + channel.length() + "\r\n" + channel + "\r\n$"
                    + message.getBytes(StandardCharsets.UTF_8).length + "\r\n" + message + "\r\n";
            s.getOutputStream().write(command.getBytes(StandardCharsets.UTF_8));
            InputStream in = s.getInputStream();
            return (Long) SessionEndSubscriber.read(in);
        }
    }

    /** One command on a connection of its own; the reply as {@link Resp#read} gives it. */
    public Object command(String... parts) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5_000);
            Resp.write(s.getOutputStream(), parts);
            return Resp.read(s.getInputStream());
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.onExit().orTimeout(10, TimeUnit.SECONDS).join();
    }
}

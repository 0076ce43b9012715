package io.tandem.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A real HTTP receiver on 127.0.0.1 for webhook tests (the JDK's own server): it records every request and answers
 * with the status its behaviour gives for the n-th request (0-based), or hangs until released.
 */
public final class Receiver implements AutoCloseable {

    /** A status that means: never answer (until {@link #close}). */
    public static final int HANG = -1;

    /** One request as it arrived. */
    public record Request(String id, String timestamp, String signature, String contentType, String body) {}

    public final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    final AtomicInteger hanging = new AtomicInteger();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger seen = new AtomicInteger();
    private final IntUnaryOperator behaviour;

    public Receiver(IntUnaryOperator behaviour) throws IOException {
        this.behaviour = behaviour;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers every request with this status. */
    public static Receiver answering(int status) throws IOException {
        return new Receiver(n -> status);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/tandem?source=test";
    }

    public List<Request> received() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, List<String>> h = exchange.getRequestHeaders();
        requests.add(new Request(exchange.getRequestHeaders().getFirst("webhook-id"),
                h.containsKey("webhook-timestamp") ? exchange.getRequestHeaders().getFirst("webhook-timestamp") : null,
                exchange.getRequestHeaders().getFirst("webhook-signature"),
                exchange.getRequestHeaders().getFirst("content-type"), new String(body, StandardCharsets.UTF_8)));
        int status = behaviour.applyAsInt(seen.getAndIncrement());
        if (status == HANG) {
            hanging.incrementAndGet();
            try {
                release.await(60, TimeUnit.SECONDS); // held open on purpose: this receiver never answers in time
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            hanging.decrementAndGet();
            exchange.close();
            return;
        }
        byte[] answer = "ok".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}

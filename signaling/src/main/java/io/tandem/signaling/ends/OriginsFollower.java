package io.tandem.signaling.ends;

import io.tandem.signaling.WebSocketOrigins;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows the site origins the app adds and removes at run time, for the standalone server. The app nodes (relay bridge
 * on, embedded signaling off) keep the origins whose pages may open sockets in the Redis key {@value #KEY}
 * (comma-separated, renewed every 5 s, expiring after 30 s); this reads it every {@link #EVERY} and allows the
 * configured origins (TANDEM_SIGNALING_ALLOWED_ORIGINS) plus the key's. Without the key (no app node wrote it lately)
 * the configured ones alone; while Redis cannot be reached, the last ones read stay (one log line). Upgrades read the
 * result from memory: no I/O on their path.
 */
public final class OriginsFollower implements AutoCloseable {

    public static final String KEY = "tandem:signaling:origins";
    static final Duration EVERY = Duration.ofSeconds(5);

    private static final System.Logger LOG = System.getLogger(OriginsFollower.class.getName());

    private final URI url;
    private final WebSocketOrigins configured;
    private final Consumer<WebSocketOrigins> apply;
    private final Duration every;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "signaling-origins");
        t.setDaemon(true);
        return t;
    });
    // used on the timer's thread only
    private WebSocketOrigins last;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private boolean warned;
    /** Reads that failed so far (tests wait on it). */
    private final java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();

    /** {@code apply} gets the origins allowed from now on, each time they change (the first time at start). */
    public OriginsFollower(URI url, WebSocketOrigins configured, Consumer<WebSocketOrigins> apply) {
        this(url, configured, apply, EVERY);
    }

    OriginsFollower(URI url, WebSocketOrigins configured, Consumer<WebSocketOrigins> apply, Duration every) {
        this.url = Resp.check(url);
        this.configured = configured;
        this.apply = apply;
        this.every = every;
    }

    public OriginsFollower start() {
        timer.scheduleWithFixedDelay(this::read, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void read() {
        Object value;
        try {
            if (socket == null) {
                socket = Resp.open(url);
                in = new BufferedInputStream(socket.getInputStream());
                out = socket.getOutputStream();
                Resp.authenticate(url, in, out);
            }
            Resp.write(out, "GET", KEY);
            value = Resp.read(in);
        } catch (IOException | RuntimeException e) {
            disconnect();
            failures.incrementAndGet();
            if (!warned) {
                warned = true;
                LOG.log(System.Logger.Level.WARNING, "Cannot read the site origins from Redis ({0}); the origins"
                        + " allowed stay as they are until it answers", e.toString());
            }
            return;
        }
        warned = false;
        WebSocketOrigins next = configured;
        if (value instanceof String list) {
            Set<String> all = new LinkedHashSet<>(configured.allowed());
            for (String item : list.split(",")) {
                if (!item.isBlank()) {
                    try {
                        all.add(WebSocketOrigins.origin(item));
                    } catch (IllegalArgumentException e) {
                        LOG.log(System.Logger.Level.WARNING, "Ignored a site origin in {0} that is not a URL: {1}",
                                KEY, WebSocketOrigins.printable(item));
                    }
                }
            }
            next = new WebSocketOrigins(all);
        }
        if (!next.equals(last)) {
            last = next;
            apply.accept(next);
            LOG.log(System.Logger.Level.INFO, "Pages of {0} origins may open signaling sockets now{1}",
                    Integer.toString(next.allowed().size()), value == null ? " (the configured ones only)" : "");
        }
    }

    int failures() {
        return failures.get();
    }

    private void disconnect() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // dropping it anyway
            }
        }
        socket = null;
        in = null;
        out = null;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        disconnect();
    }
}

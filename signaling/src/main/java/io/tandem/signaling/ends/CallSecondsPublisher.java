package io.tandem.signaling.ends;

import io.tandem.signaling.room.CallListener;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * How a standalone signaling server tells the app how long calls lasted: each ended call is appended to the Redis
 * stream {@value #STREAM} (fields {@code session}, {@code ms}), which the app reads with a consumer group and adds to
 * the session's touchpoint (io.tandem.video.CallSecondsStream). The signaling side needs only Redis, none of the app's
 * code. Appends happen on one daemon thread from a bounded queue, so a room never waits for Redis; while Redis is
 * away the entries wait (up to {@value #QUEUE} of them, then the newest are dropped with one log line each) and the
 * connection is retried after 1 s, doubling up to 30 s. The stream is capped at about {@value #MAX_LENGTH} entries.
 */
public final class CallSecondsPublisher implements CallListener, AutoCloseable {

    public static final String STREAM = "tandem:signaling:calls";
    static final int QUEUE = 10_000;
    static final int MAX_LENGTH = 100_000;

    private static final System.Logger LOG = System.getLogger(CallSecondsPublisher.class.getName());
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private record Ended(String sessionId, long millis) {}

    private final URI url;
    private final BlockingQueue<Ended> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread thread;
    private volatile boolean closed;

    public CallSecondsPublisher(URI url) {
        this.url = Resp.check(url);
        this.thread = new Thread(this::run, "signaling-call-seconds");
        thread.setDaemon(true);
    }

    public CallSecondsPublisher start() {
        thread.start();
        return this;
    }

    @Override
    public void callEnded(String sessionId, Duration length) {
        if (!queue.offer(new Ended(sessionId, length.toMillis()))) {
            LOG.log(System.Logger.Level.WARNING, "Call of session {0} ({1} s) not reported: {2} reports wait for"
                    + " Redis", sessionId, Long.toString(length.toSeconds()), Integer.toString(QUEUE));
        }
    }

    /** Stops after appending what is queued (waiting at most {@code grace} for Redis). */
    public void close(Duration grace) {
        long until = System.nanoTime() + grace.toNanos();
        while (!queue.isEmpty() && System.nanoTime() < until && thread.isAlive()) {
            try {
                Thread.sleep(20); // shutdown only: the queue drains on the publisher's thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }

    private void run() {
        Duration retry = FIRST_RETRY;
        Ended next = null;
        while (!closed) {
            try (Socket s = Resp.open(url)) {
                InputStream in = new BufferedInputStream(s.getInputStream());
                OutputStream out = s.getOutputStream();
                Resp.authenticate(url, in, out);
                retry = FIRST_RETRY;
                while (!closed) {
                    if (next == null) {
                        next = queue.poll(30, TimeUnit.SECONDS);
                        if (next == null) {
                            Resp.write(out, "PING"); // keeps the connection checked while no call ends
                            Resp.read(in);
                            continue;
                        }
                    }
                    Resp.write(out, "XADD", STREAM, "MAXLEN", "~", Integer.toString(MAX_LENGTH), "*", "session",
                            next.sessionId(), "ms", Long.toString(next.millis()));
                    Resp.read(in);
                    next = null; // appended: the app will count it
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    return;
                }
                // One line, no stack trace: an outage is expected to pass, and the URL may carry a password.
                LOG.log(System.Logger.Level.WARNING, "Cannot report call seconds to Redis ({0}); retrying in {1} s",
                        e.toString(), Long.toString(retry.toSeconds()));
                try {
                    Thread.sleep(retry.toMillis()); // back-off between reconnects, not synchronisation
                } catch (InterruptedException interrupted) {
                    return;
                }
                retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
            }
        }
    }
}

package io.tandem.signaling.ends;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * How a standalone signaling server hears that the app ended a session: the app publishes the session id on the Redis
 * channel {@value #CHANNEL} (its relay bridge's Redis), and this subscriber hands each one to
 * {@code SignalingServer.endSession}. A minimal RESP client on one daemon thread (no client library): {@code redis://}
 * or {@code rediss://} (TLS), optional {@code user:password@}; on a lost connection it logs one line and connects
 * again after 1 s, doubling up to 30 s. Ends published while it is away are missed (see docs/security.md).
 */
public final class SessionEndSubscriber implements AutoCloseable {

    public static final String CHANNEL = "tandem:signaling:session-ended";
    /**
     * Where the app publishes a change of someone's place in a session's conversation: {@code out <session id>
     * <participant id>} (a supervisor stepped back out: {@code SignalingServer.endSeat}) or {@code in …} (stepped in
     * again: {@code SignalingServer.startSeat}).
     */
    public static final String SEAT_CHANNEL = "tandem:signaling:seat-changed";

    /** Hears seat changes (see {@link #SEAT_CHANNEL}). */
    public interface Seats {
        Seats NONE = (sessionId, participantId, in) -> {};

        void changed(String sessionId, String participantId, boolean in);
    }

    private static final System.Logger LOG = System.getLogger(SessionEndSubscriber.class.getName());
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);
    /** Silence after which the subscriber pings, and after a second one gives the connection up. */
    private static final Duration QUIET = Duration.ofSeconds(30);

    private final URI url;
    private final Consumer<String> ended;
    private final Seats seats;
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean subscribed;
    private volatile Socket socket;

    /**
     * @param url {@code redis://[user:password@]host[:port]} or {@code rediss://…}
     * @param ended called with each ended session's id, on the subscriber's thread
     */
    public SessionEndSubscriber(URI url, Consumer<String> ended) {
        this(url, ended, Seats.NONE);
    }

    /** As above, also handing each seat change (see {@link #SEAT_CHANNEL}) to {@code seats}. */
    public SessionEndSubscriber(URI url, Consumer<String> ended, Seats seats) {
        this.url = Resp.check(url);
        this.ended = ended;
        this.seats = seats;
        this.thread = new Thread(this::run, "signaling-session-ends");
        thread.setDaemon(true);
    }

    public SessionEndSubscriber start() {
        thread.start();
        return this;
    }

    /** True while subscribed to the channel (for readiness in tests). */
    public boolean subscribed() {
        return subscribed;
    }

    @Override
    public void close() {
        closed = true;
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        thread.interrupt();
    }

    private void run() {
        Duration retry = FIRST_RETRY;
        while (!closed) {
            try (Socket s = open()) {
                socket = s;
                InputStream in = new BufferedInputStream(s.getInputStream());
                OutputStream out = s.getOutputStream();
                authenticate(in, out);
                write(out, "SUBSCRIBE", CHANNEL, SEAT_CHANNEL);
                for (int channel = 0; channel < 2; channel++) { // one confirmation per channel
                    Object confirmation = read(in);
                    if (!(confirmation instanceof List<?> c) || c.isEmpty() || !"subscribe".equals(c.get(0))) {
                        throw new IOException("unexpected answer to SUBSCRIBE");
                    }
                }
                subscribed = true;
                retry = FIRST_RETRY;
                LOG.log(System.Logger.Level.INFO, "Listening for session ends on Redis channel {0}", CHANNEL);
                boolean pinged = false;
                while (!closed) {
                    Object next;
                    try {
                        next = read(in);
                    } catch (SocketTimeoutException quiet) {
                        if (pinged) {
                            throw new IOException("Redis did not answer a PING within " + QUIET.toSeconds() + " s");
                        }
                        write(out, "PING"); // a connection cut without a reset would otherwise go unnoticed
                        pinged = true;
                        continue;
                    }
                    pinged = false;
                    if (next instanceof List<?> m && m.size() == 3 && "message".equals(m.get(0))
                            && m.get(2) instanceof String payload) {
                        if (CHANNEL.equals(m.get(1))) {
                            ended.accept(payload);
                        } else {
                            seatChanged(payload);
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                subscribed = false;
                if (closed) {
                    return;
                }
                // One line, no stack trace: an outage is expected to pass, and the URL may carry a password.
                LOG.log(System.Logger.Level.WARNING, "Not listening for session ends on Redis ({0}); retrying in {1}"
                        + " s", e.toString(), Long.toString(retry.toSeconds()));
                try {
                    Thread.sleep(retry.toMillis()); // back-off between reconnects, not synchronisation
                } catch (InterruptedException interrupted) {
                    return;
                }
                retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
            }
        }
    }

    private void seatChanged(String payload) {
        String[] parts = payload.split(" ", 3);
        if (parts.length == 3 && ("in".equals(parts[0]) || "out".equals(parts[0]))) {
            seats.changed(parts[1], parts[2], "in".equals(parts[0]));
        } else {
            LOG.log(System.Logger.Level.WARNING, "Ignored a seat change not of the form \"in|out <session>"
                    + " <participant>\" ({0} characters)", payload.length());
        }
    }

    private Socket open() throws IOException {
        Socket s = Resp.open(url);
        s.setSoTimeout((int) QUIET.toMillis());
        return s;
    }

    private static void write(OutputStream out, String... parts) throws IOException {
        Resp.write(out, parts);
    }

    static Object read(InputStream in) throws IOException {
        return Resp.read(in);
    }

    private void authenticate(InputStream in, OutputStream out) throws IOException {
        Resp.authenticate(url, in, out);
    }
}

package io.tandem.signaling.ends;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Where a session's signaling room lives when several standalone replicas run behind one service: the first replica a
 * participant reaches claims the room in Redis (key {@value #PREFIX}{sessionId}, its own address as value), and a
 * replica that gets a participant of a room held elsewhere relays that socket to the holder (ProxyEndpoint), so both
 * people of a call always meet in one room. A claim is released when the room empties; the claim of a replica that
 * cannot be reached (it died) is taken over by the replica that tried. Without Redis every room is local, as with one
 * replica. Blocking calls on one connection, made only while a socket is being upgraded and when a room empties.
 */
public final class RoomRouter implements AutoCloseable {

    public static final String PREFIX = "tandem:signaling:room:";
    /** A safety net: claims are released when their room empties; this only bounds what a crash leaves behind. */
    static final Duration CLAIM_TTL = Duration.ofHours(12);

    /** The holder of KEYS[1], claimed now for ARGV[1] when nobody holds it. */
    private static final String CLAIM = """
            local holder = redis.call('GET', KEYS[1])
            if holder then return holder end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return ARGV[1]""";
    /** Takes KEYS[1] over for ARGV[1] if it is still held by the unreachable ARGV[2] (or by nobody). */
    private static final String TAKE_OVER = """
            local holder = redis.call('GET', KEYS[1])
            if holder and holder ~= ARGV[2] then return holder end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
            return ARGV[1]""";
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0""";

    private static final System.Logger LOG = System.getLogger(RoomRouter.class.getName());

    private final URI url;
    private final String self;
    private final ExecutorService releases = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "signaling-room-release");
        t.setDaemon(true);
        return t;
    });
    private volatile Predicate<String> heldHere = id -> false;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private boolean warned;

    /**
     * @param url the shared Redis
     * @param self how the other replicas reach this one, e.g. ws://10.0.3.7:8444 (TANDEM_SIGNALING_REPLICA_URL)
     */
    public RoomRouter(URI url, String self) {
        this.url = Resp.check(url);
        URI me = URI.create(self);
        if (!("ws".equals(me.getScheme()) || "wss".equals(me.getScheme())) || me.getHost() == null) {
            throw new IllegalArgumentException("not a ws:// or wss:// URL");
        }
        this.self = self.replaceAll("/+$", "");
    }

    /** This replica's own address, as other replicas reach it. */
    public String self() {
        return self;
    }

    /** Tells the router which rooms this replica holds (a release never drops the claim of a room here again). */
    public void heldHere(Predicate<String> rooms) {
        this.heldHere = rooms;
    }

    /** The replica holding the session's room, claimed for this one if nobody holds it; this one if Redis is away. */
    public String claim(String sessionId) {
        return script(CLAIM, sessionId, self, Long.toString(CLAIM_TTL.toMillis()));
    }

    /** The holder could not be reached: this replica takes the room over, unless another one did already. */
    public String takeOver(String sessionId, String unreachable) {
        return script(TAKE_OVER, sessionId, self, unreachable, Long.toString(CLAIM_TTL.toMillis()));
    }

    /** The room here emptied: its claim is dropped (later, off the caller's thread) unless it was made again. */
    public void release(String sessionId) {
        releases.execute(() -> {
            if (!heldHere.test(sessionId)) {
                script(RELEASE, sessionId, self);
            }
        });
    }

    private String script(String script, String sessionId, String... args) {
        String[] command = new String[4 + args.length];
        command[0] = "EVAL";
        command[1] = script;
        command[2] = "1";
        command[3] = PREFIX + sessionId;
        System.arraycopy(args, 0, command, 4, args.length);
        Object answer = call(command);
        return answer instanceof String holder ? holder : self;
    }

    /** One command on the router's connection (opened on first use and after a failure); null when Redis is away. */
    private synchronized Object call(String... command) {
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                if (socket == null) {
                    socket = Resp.open(url);
                    in = new BufferedInputStream(socket.getInputStream());
                    out = socket.getOutputStream();
                    Resp.authenticate(url, in, out);
                }
                Resp.write(out, command);
                Object answer = Resp.read(in);
                warned = false;
                return answer;
            } catch (IOException | RuntimeException e) {
                disconnect();
                if (attempt == 1 && !warned) {
                    warned = true;
                    // One line, no stack trace; rooms stay local until Redis answers again.
                    LOG.log(System.Logger.Level.WARNING, "Cannot reach Redis to route signaling rooms ({0}); rooms"
                            + " are local to this replica meanwhile", e.toString());
                }
            }
        }
        return null;
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

    /** Finishes the releases queued (at most 2 s), then closes the connection. */
    @Override
    public void close() {
        releases.shutdown();
        try {
            releases.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            disconnect();
        }
    }
}

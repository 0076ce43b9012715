package io.tandem.video;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.tandem.config.BridgeConfig;
import io.tandem.config.TandemConfig;
import io.tandem.signaling.ends.CallSecondsPublisher;
import io.tandem.touchpoint.service.TouchpointService;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Call seconds from standalone signaling servers (tandem.signaling.embedded=false, relay bridge on): they append each
 * ended call to the Redis stream {@value CallSecondsPublisher#STREAM}, and every app node reads it in the consumer
 * group {@value #GROUP}, so each entry goes to one node, which adds its seconds to the session's touchpoint and then
 * acknowledges it (XACK). Entries a node took and never acknowledged (it died in between) are claimed by another node
 * after {@link #CLAIM_IDLE}. One daemon thread per node, blocking on its own Redis connection.
 */
@ApplicationScoped
public class CallSecondsStream {

    static final String GROUP = "tandem-app";
    static final Duration CLAIM_IDLE = Duration.ofSeconds(60);
    private static final Logger LOG = Logger.getLogger(CallSecondsStream.class);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private final boolean enabled;
    private final String consumer;
    private final Instance<Redis> redis;
    private final TouchpointService touchpoints;
    private volatile boolean stopping;
    private volatile RedisConnection connection;
    private Thread thread;

    public CallSecondsStream(TandemConfig tandem, BridgeConfig bridge, Instance<Redis> redis,
            TouchpointService touchpoints) {
        this.enabled = !tandem.signaling().embedded() && bridge.enabled();
        this.consumer = bridge.nodeId().orElseGet(() -> UUID.randomUUID().toString().substring(0, 8));
        this.redis = redis;
        this.touchpoints = touchpoints;
    }

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        thread = new Thread(this::run, "call-seconds-stream");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        RedisConnection c = connection;
        if (c != null) {
            c.close();
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run() {
        Duration retry = FIRST_RETRY;
        while (!stopping) {
            try {
                RedisConnection c = await(redis.get().connect());
                connection = c;
                createGroup(c);
                LOG.infof("Reading call seconds from Redis stream %s as %s", CallSecondsPublisher.STREAM, consumer);
                retry = FIRST_RETRY;
                while (!stopping) {
                    List<Response> entries = claimAbandoned(c);
                    if (entries.isEmpty()) {
                        entries = readNew(c);
                    }
                    for (Response entry : entries) {
                        count(entry);
                        await(c.send(Request.cmd(Command.XACK).arg(CallSecondsPublisher.STREAM).arg(GROUP).arg(
                                entry.get(0).toString())));
                    }
                }
            } catch (Exception e) {
                if (stopping) {
                    return;
                }
                LOG.warnf("Not reading call seconds from Redis (%s); retrying in %d s", e.toString(),
                        retry.toSeconds());
                RedisConnection c = connection;
                if (c != null) {
                    c.close();
                }
                try {
                    Thread.sleep(retry.toMillis()); // back-off between reconnects, not synchronisation
                } catch (InterruptedException interrupted) {
                    return;
                }
                retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
            }
        }
    }

    private static void createGroup(RedisConnection c) throws Exception {
        try {
            // from the stream's start: calls reported before any app node first read it count too
            await(c.send(Request.cmd(Command.XGROUP).arg("CREATE").arg(CallSecondsPublisher.STREAM).arg(GROUP)
                    .arg("0").arg("MKSTREAM")));
        } catch (Exception e) {
            if (!String.valueOf(e.getMessage()).contains("BUSYGROUP")) {
                throw e;
            }
        }
    }

    /** Entries another (dead) node took and never acknowledged. */
    private List<Response> claimAbandoned(RedisConnection c) throws Exception {
        Response r = await(c.send(Request.cmd(Command.XAUTOCLAIM).arg(CallSecondsPublisher.STREAM).arg(GROUP)
                .arg(consumer).arg(CLAIM_IDLE.toMillis()).arg("0-0").arg("COUNT").arg(50)));
        return entries(r == null || r.size() < 2 ? null : r.get(1));
    }

    private List<Response> readNew(RedisConnection c) throws Exception {
        Response r = await(c.send(Request.cmd(Command.XREADGROUP).arg("GROUP").arg(GROUP).arg(consumer)
                .arg("COUNT").arg(50).arg("BLOCK").arg(WAIT.toMillis()).arg("STREAMS")
                .arg(CallSecondsPublisher.STREAM).arg(">")));
        // {stream: [[id, [field, value, ...]], ...]} (RESP3, a map) or [[stream, [...]]] (RESP2), or null when
        // nothing came within WAIT
        if (r == null || r.type() != ResponseType.MULTI || r.size() == 0) {
            return List.of();
        }
        return entries(r.isMap() ? r.get(CallSecondsPublisher.STREAM) : r.get(0).get(1));
    }

    private static List<Response> entries(Response list) {
        List<Response> out = new ArrayList<>();
        if (list != null) {
            for (Response entry : list) {
                if (entry != null && entry.size() == 2 && entry.get(1) != null) {
                    out.add(entry);
                }
            }
        }
        return out;
    }

    /** Adds one entry's seconds to its session's touchpoint; an entry that is not one of ours is logged and dropped. */
    private void count(Response entry) throws Exception {
        String session = null;
        long millis = -1;
        Response fields = entry.get(1);
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            String name = fields.get(i).toString();
            if (name.equals("session")) {
                session = fields.get(i + 1).toString();
            } else if (name.equals("ms")) {
                try {
                    millis = Long.parseLong(fields.get(i + 1).toString());
                } catch (NumberFormatException e) {
                    millis = -1;
                }
            }
        }
        UUID id;
        try {
            id = UUID.fromString(String.valueOf(session));
        } catch (IllegalArgumentException e) {
            id = null;
        }
        if (id == null || millis < 0) {
            LOG.warnf("Dropped call report %s: not a session id and a length", entry.get(0));
            return;
        }
        long seconds = TimeUnit.MILLISECONDS.toSeconds(millis);
        if (seconds <= 0) {
            return;
        }
        UUID sessionId = id;
        try {
            VertxContextSupport.subscribeAndAwait(() -> touchpoints.recordVideo(sessionId, seconds));
        } catch (Exception e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(WAIT.toMillis() + 10_000,
                TimeUnit.MILLISECONDS);
    }
}

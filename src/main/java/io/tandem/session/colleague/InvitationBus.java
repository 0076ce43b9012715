package io.tandem.session.colleague;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tandem.config.BridgeConfig;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Invitations changed on another node (multi-node, relay bridge on): every node publishes its changes on the Redis
 * channel {@value #CHANNEL} and hears the others', so a console's invitation stream on any node re-reads at once.
 * Without the bridge, or while Redis is away, the streams still re-read every {@link InvitationFeed#REREAD}.
 */
@ApplicationScoped
public class InvitationBus {

    static final String CHANNEL = "tandem:invitations";
    private static final Logger LOG = Logger.getLogger(InvitationBus.class);
    private static final long RETRY_MS = 2000;

    private final boolean enabled;
    private final Instance<Redis> redis;
    private final Vertx vertx;
    private final String node = UUID.randomUUID().toString();
    private InvitationFeed feed;
    private volatile RedisConnection subscriber;
    private volatile boolean stopped;
    private volatile boolean failing;

    public InvitationBus(BridgeConfig bridge, Instance<Redis> redis, Vertx vertx) {
        this.enabled = bridge.enabled();
        this.redis = redis;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event, InvitationFeed feed) {
        this.feed = feed;
        if (enabled) {
            subscribe();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        RedisConnection c = subscriber;
        if (c != null) {
            c.close();
        }
    }

    /** Invitations changed here: the other nodes' streams re-read too. */
    void publish() {
        if (enabled && !stopped) {
            redis.get().send(Request.cmd(Command.PUBLISH).arg(CHANNEL).arg(node))
                    .onFailure(e -> LOG.debugf("Could not tell other nodes of an invitation change: %s", e));
        }
    }

    private void subscribe() {
        if (stopped) {
            return;
        }
        redis.get().connect().onSuccess(c -> {
            subscriber = c;
            c.handler(this::message);
            c.exceptionHandler(e -> lost(c, e.toString()));
            c.endHandler(v -> lost(c, "closed"));
            c.send(Request.cmd(Command.SUBSCRIBE).arg(CHANNEL)).onSuccess(r -> {
                if (failing) {
                    failing = false;
                    LOG.info("Invitation changes of other nodes reach this node's consoles at once again");
                }
            }).onFailure(e -> lost(c, e.toString()));
        }).onFailure(e -> lost(null, e.toString()));
    }

    private void message(Response r) {
        // ["message", channel, publisher]; anything else (the subscription's confirmation) is not a change
        if (r != null && r.size() == 3 && "message".equals(r.get(0).toString()) && !node.equals(r.get(2)
                .toString())) {
            feed.changedElsewhere();
        }
    }

    private void lost(RedisConnection c, String why) {
        if (c != null && c != subscriber) {
            return;
        }
        subscriber = null;
        if (c != null) {
            c.close();
        }
        if (stopped) {
            return;
        }
        if (!failing) {
            failing = true;
            LOG.warnf("Invitation changes of other nodes reach this node's consoles within %d s only (Redis: %s);"
                    + " retrying", InvitationFeed.REREAD.toSeconds(), why);
        }
        vertx.setTimer(RETRY_MS, t -> subscribe());
    }
}

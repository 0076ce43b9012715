package io.tandem.webhook.delivery;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tandem.config.WebhookConfig;
import io.tandem.webhook.delivery.DeliveryStore.Claimed;
import io.tandem.webhook.delivery.DeliveryStore.Endpoint;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Sends due deliveries. Each tick claims, per enabled endpoint, at most as many due rows as that endpoint has free
 * places (tandem.webhooks.per-endpoint-concurrency on this node), starts their attempts and returns without waiting for
 * them: a receiver that hangs holds its own places until the deadline, never another endpoint's. A claim's lease
 * outlasts the attempt's deadline, so no other worker takes that row while it may still be in flight; a worker killed
 * mid-attempt leaves a lease that lapses, and the row is sent again under the same webhook-id.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    /** Time a lease outlasts an attempt's deadline, for writing its result. */
    private static final long LEASE_MARGIN_MS = 30_000;

    private final DeliveryStore store;
    private final Sender sender;
    private final WebhookConfig config;
    private final Clock clock;
    private final Backoff backoff;
    private final Map<UUID, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    public DeliveryWorker(DeliveryStore store, Sender sender, WebhookConfig config, Clock clock) {
        this.store = store;
        this.sender = sender;
        this.config = config;
        this.clock = clock;
        this.backoff = new Backoff(config.retryInitial(), config.retryMaxInterval(), config.retryWindow(),
                bound -> ThreadLocalRandom.current().nextLong(bound));
    }

    @Scheduled(identity = "webhook-delivery", every = "${tandem.webhooks.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        Context context = Vertx.currentContext();
        Executor back = context == null
                ? Infrastructure.getDefaultExecutor()
                : command -> context.runOnContext(v -> command.run());
        return store.enabledEndpoints()
                .chain(endpoints -> claimAll(endpoints, 0, back))
                .onFailure().invoke(e -> LOG.warnf("Webhook deliveries could not be claimed, will retry: %s",
                        e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Forgets events delivered everywhere once they are older than tandem.webhooks.keep-delivered. */
    @Scheduled(identity = "webhook-purge", every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return store.purgeDelivered(clock.instant().minus(config.keepDelivered()))
                .onFailure().invoke(e -> LOG.warnf("Delivered webhook events could not be purged: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Void> claimAll(List<Endpoint> endpoints, int i, Executor back) {
        if (i >= endpoints.size()) {
            return Uni.createFrom().voidItem();
        }
        Endpoint endpoint = endpoints.get(i);
        AtomicInteger busy = inFlight.computeIfAbsent(endpoint.id(), k -> new AtomicInteger());
        int free = config.perEndpointConcurrency() - busy.get();
        if (free <= 0) {
            return claimAll(endpoints, i + 1, back);
        }
        Instant now = clock.instant();
        UUID token = UUID.randomUUID();
        Instant lease = now.plusMillis(sender.deadlineMillis() + LEASE_MARGIN_MS);
        return store.claim(endpoint.id(), free, now, lease, token).invoke(claimed -> {
            for (Claimed c : claimed) {
                busy.incrementAndGet();
                attempt(endpoint, c, token, back).subscribe().with(v -> busy.decrementAndGet(), e -> {
                    busy.decrementAndGet();
                    LOG.warnf("The result of webhook delivery %s could not be stored: %s", c.id(), e.getMessage());
                });
            }
        }).chain(() -> claimAll(endpoints, i + 1, back));
    }

    /** One attempt and its result; the result is written back on the worker's own context, not the sender's. */
    private Uni<Void> attempt(Endpoint endpoint, Claimed c, UUID token, Executor back) {
        return sender.send(endpoint, c)
                .emitOn(back)
                .onItemOrFailure().transformToUni((answer, failure) -> {
                    Instant at = clock.instant();
                    if (failure == null && answer.status() >= 200 && answer.status() < 300) {
                        return store.delivered(c, token, at, answer.status());
                    }
                    Integer status = failure == null ? answer.status() : null;
                    String error = failure == null ? "answered " + answer.status() : describe(failure);
                    Backoff.Next next = backoff.after(c.attempts() + 1, c.windowStartedAt(), at);
                    if (next.dead()) {
                        LOG.infof("Webhook delivery %s of event %s to %s is a dead letter after %d attempts: %s",
                                c.id(), c.eventId(), endpoint.url(), c.attempts() + 1, error);
                    }
                    return store.failed(c, token, at, status, error, next.at());
                });
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }
}

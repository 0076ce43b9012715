package io.tandem.session.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tandem.config.TandemConfig;
import io.tandem.session.SessionFinished;
import io.tandem.session.help.HelpRequestRepository;
import io.tandem.session.SessionStatus;
import io.tandem.session.repository.SessionRepository;
import io.tandem.touchpoint.service.TouchpointService;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Expires sessions whose join, consent window or maximum duration has passed, completing their touchpoints. */
@ApplicationScoped
public class SessionExpiryJob {

    private static final Logger LOG = Logger.getLogger(SessionExpiryJob.class);
    /** Batches per run, so one run is bounded even after a long outage. */
    private static final int MAX_BATCHES = 20;

    private final SessionRepository sessions;
    private final TandemConfig config;
    private final Clock clock;
    private final Event<SessionFinished> finished;
    private final HelpRequestRepository helpRequests;
    private final TouchpointService touchpoints;

    public SessionExpiryJob(SessionRepository sessions, TandemConfig config, Clock clock,
            Event<SessionFinished> finished, HelpRequestRepository helpRequests, TouchpointService touchpoints) {
        this.helpRequests = helpRequests;
        this.touchpoints = touchpoints;
        this.finished = finished;
        this.sessions = sessions;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "session-expiry", every = "${tandem.sessions.sweep-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return sweep(MAX_BATCHES)
                .call(() -> Panache.withTransaction(() -> helpRequests.expireDue(clock.instant())))
                .onFailure()
                .invoke(e -> LOG.warnf("Session expiry sweep failed, will retry next run: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Sweeps up to {@code batches} batches; each batch is its own transaction. Returns how many expired. */
    public Uni<Integer> sweep(int batches) {
        if (batches == 0) {
            return Uni.createFrom().item(0);
        }
        Instant now = clock.instant();
        int batch = config.sessions().sweepBatch();
        // the touchpoints completed by expiry get their touchpoint.completed events in the same transaction
        return Panache.withTransaction(
                () -> sessions.expireDue(now, now.minus(config.sessions().maxDuration()), batch)
                        .call(touchpoints::completedByExpiry))
                .invoke(ids -> {
                    logExpired(ids);
                    ids.forEach(id -> finished.fire(new SessionFinished(id, SessionStatus.EXPIRED)));
                })
                .chain(ids -> ids.size() < batch
                        ? Uni.createFrom().item(ids.size())
                        : sweep(batches - 1).map(more -> ids.size() + more));
    }

    private static void logExpired(List<UUID> ids) {
        if (!ids.isEmpty()) {
            LOG.infof("Expired %d session(s)", ids.size());
        }
    }
}

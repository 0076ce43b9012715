package io.tandem.retention;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import org.jboss.logging.Logger;

/** Runs the retention purge on a schedule (tandem.retention.purge-interval); several nodes may run it at once. */
@jakarta.enterprise.context.ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);
    /** Batches one run deletes at most; a backlog beyond is left for the next run. */
    static final int MAX_ROUNDS = 20;

    private final Retention retention;
    private final Clock clock;

    public RetentionJob(Retention retention, Clock clock) {
        this.retention = retention;
        this.clock = clock;
    }

    @Scheduled(identity = "retention-purge", every = "${tandem.retention.purge-interval:1h}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return rounds(MAX_ROUNDS)
                .invoke(r -> {
                    if (r.total() > 0) {
                        LOG.infof("Retention purge: %d recording chunks, notes of %d sessions, %d comments, %d other"
                                + " notes", r.recordingChunks(), r.sessionsWithNotes(), r.comments(), r.otherNotes());
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("Retention purge failed, will retry: %s", e.getClass().getName()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Purges batch after batch while a batch still deleted recordings, at most `left` times. */
    private Uni<Retention.Removed> rounds(int left) {
        return retention.purge(clock.instant()).chain(r -> r.recordingChunks() == 0 || left <= 1
                ? Uni.createFrom().item(r)
                : rounds(left - 1).map(r::plus));
    }
}

package io.tandem.relay.socket;

import io.quarkus.scheduler.Scheduled;
import io.tandem.config.RelayConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The sending budgets of the participants on this node, by session and participant id, so that limits hold per
 * credential and not per socket. Bounded: a budget is forgotten once its participant has no socket open and its buckets
 * are full again (a fresh one would be the same), and at most tandem.relay.max-participants are kept.
 */
@Singleton
public class ParticipantBudgets {

    private static final Logger LOG = Logger.getLogger(ParticipantBudgets.class);

    private record Key(UUID sessionId, String participantId) {}

    private final Map<Key, ParticipantBudget> budgets = new ConcurrentHashMap<>();
    private final ParticipantBudget.Rates rates;
    private final int max;

    @Inject
    ParticipantBudgets(RelayConfig config) {
        this(ParticipantBudget.Rates.of(config), config.maxParticipants());
    }

    ParticipantBudgets(ParticipantBudget.Rates rates, int max) {
        this.rates = rates;
        this.max = max;
    }

    /**
     * The budget of a participant whose socket opens, with the socket counted; null, after one log line, when the
     * participant connects faster than its rate or this node keeps as many budgets as it may.
     */
    ParticipantBudget open(UUID sessionId, String participantId, long nowNanos) {
        Key key = new Key(sessionId, participantId);
        if (budgets.size() >= max && !budgets.containsKey(key)) {
            sweep(nowNanos);
            if (budgets.size() >= max) { // concurrent opens may pass this together: over by at most a few
                LOG.warnf("Refused %s@%s: %d participants have budgets on this node", participantId, sessionId, max);
                return null;
            }
        }
        boolean[] admitted = new boolean[1];
        // compute, not get-then-connect: a sweep must never forget a budget while a socket is being counted on it
        ParticipantBudget budget = budgets.compute(key, (k, b) -> {
            ParticipantBudget found = b != null ? b : new ParticipantBudget(rates, nowNanos);
            admitted[0] = found.connect(nowNanos);
            return found;
        });
        if (!admitted[0]) {
            LOG.infof("Refused %s@%s: connecting faster than its rate", participantId, sessionId);
            return null;
        }
        return budget;
    }

    /** Forgets the budgets nobody uses any more. */
    @Scheduled(every = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        sweep(System.nanoTime());
    }

    void sweep(long nowNanos) {
        for (Key key : budgets.keySet()) {
            budgets.computeIfPresent(key, (k, b) -> b.idle(nowNanos) ? null : b);
        }
    }

    /** Budgets kept now. */
    int size() {
        return budgets.size();
    }
}

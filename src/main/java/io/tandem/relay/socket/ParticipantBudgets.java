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
 * <p>
 * A credential whose participant was refused for connecting too fast is remembered until its budget has a connect
 * again ({@link #cooling}): its next upgrades are refused before their credential is checked or the session looked up,
 * so a reconnect loop costs the server a header lookup, not an authentication, a database query and a WebSocket.
 */
@Singleton
public class ParticipantBudgets {

    private static final Logger LOG = Logger.getLogger(ParticipantBudgets.class);

    private record Key(UUID sessionId, String participantId) {}

    /** Credentials remembered at most: a reconnect loop per credential, so many more than real abusers at once. */
    static final int MAX_COOLING = 10_000;

    private final Map<Key, ParticipantBudget> budgets = new ConcurrentHashMap<>();
    /** Refused credentials (the Authorization header's value) and when their participant may connect again. */
    private final Map<String, Long> cooling = new ConcurrentHashMap<>();
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
        return open(sessionId, participantId, null, nowNanos);
    }

    /**
     * As {@link #open(UUID, String, long)}; a participant refused for its connect rate has {@code credential} (may be
     * null) remembered until it may connect again.
     */
    ParticipantBudget open(UUID sessionId, String participantId, String credential, long nowNanos) {
        Key key = new Key(sessionId, participantId);
        if (budgets.size() >= max && !budgets.containsKey(key)) {
            sweep(nowNanos);
            if (budgets.size() >= max) { // concurrent opens may pass this together: over by at most a few
                LOG.warnf("Refused %s@%s: %d participants have budgets on this node", participantId, sessionId, max);
                return null;
            }
        }
        long[] wait = new long[1];
        // compute, not get-then-connect: a sweep must never forget a budget while a socket is being counted on it
        ParticipantBudget budget = budgets.compute(key, (k, b) -> {
            ParticipantBudget found = b != null ? b : new ParticipantBudget(rates, nowNanos);
            wait[0] = found.connect(nowNanos) ? -1 : found.connectWait(nowNanos);
            return found;
        });
        if (wait[0] >= 0) {
            boolean remembered = credential != null && (cooling.size() < MAX_COOLING || sweepCooling(nowNanos));
            if (remembered) {
                cooling.put(credential, nowNanos + wait[0]);
            }
            LOG.infof("Refused %s@%s: connecting faster than its rate (%s for %d ms)", participantId, sessionId,
                    remembered ? "its credential is refused" : "may connect again", wait[0] / 1_000_000);
            return null;
        }
        return budget;
    }

    /**
     * How long, in nanoseconds, a connect with this credential must wait before it is worth checking (0: check it).
     * Refusals while it waits are not logged: the refusal that started the wait was.
     */
    long cooling(String credential, long nowNanos) {
        if (credential == null || cooling.isEmpty()) {
            return 0;
        }
        Long until = cooling.get(credential);
        if (until == null) {
            return 0;
        }
        if (until - nowNanos <= 0) {
            cooling.remove(credential, until);
            return 0;
        }
        return until - nowNanos;
    }

    /** Forgets the credentials whose wait is over; whether there is room for one more. */
    private boolean sweepCooling(long nowNanos) {
        cooling.values().removeIf(until -> until - nowNanos <= 0);
        return cooling.size() < MAX_COOLING;
    }

    /** Forgets the budgets nobody uses any more. */
    @Scheduled(every = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        sweep(System.nanoTime());
    }

    void sweep(long nowNanos) {
        sweepCooling(nowNanos);
        for (Key key : budgets.keySet()) {
            budgets.computeIfPresent(key, (k, b) -> b.idle(nowNanos) ? null : b);
        }
    }

    /** Budgets kept now. */
    int size() {
        return budgets.size();
    }
}

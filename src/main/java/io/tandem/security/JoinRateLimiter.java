package io.tandem.security;

import io.quarkus.scheduler.Scheduled;
import io.tandem.config.TandemConfig;
import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts wrong join codes and links per client address in a sliding one-minute window; past the limit every attempt
 * from that address is refused with 429 until the window frees up. Memory is bounded by the tracked-client cap.
 */
@ApplicationScoped
public class JoinRateLimiter {

    static final Duration WINDOW = Duration.ofMinutes(1);

    private final Clock clock;
    private final int maxFailures;
    private final int maxClients;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public JoinRateLimiter(TandemConfig config, Clock clock) {
        this.clock = clock;
        this.maxFailures = config.join().maxFailuresPerMinute();
        this.maxClients = config.join().maxTrackedClients();
    }

    /** Throws 429 if this client has used up its wrong tries. */
    public void check(String client) {
        Deque<Instant> times = failures.get(client);
        if (times == null) {
            return;
        }
        Instant now = clock.instant();
        synchronized (times) {
            prune(times, now);
            if (times.size() >= maxFailures) {
                Duration retry = Duration.between(now, times.peekFirst().plus(WINDOW));
                throw new ProblemException(ProblemType.RATE_LIMITED,
                        "Too many wrong codes or links; try again in " + Math.max(1, retry.toSeconds()) + " s",
                        retry);
            }
        }
    }

    public void recordFailure(String client) {
        if (failures.size() >= maxClients && !failures.containsKey(client)) {
            purge();
            if (failures.size() >= maxClients) {
                // Still full of clients with recent failures: drop an arbitrary one rather than grow without bound.
                Iterator<String> any = failures.keySet().iterator();
                any.next();
                any.remove();
            }
        }
        Deque<Instant> times = failures.computeIfAbsent(client, k -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(clock.instant());
            while (times.size() > maxFailures) {
                times.removeFirst();
            }
        }
    }

    /** Drops clients whose failures have all left the window. */
    @Scheduled(every = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        Instant now = clock.instant();
        failures.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                prune(e.getValue(), now);
                return e.getValue().isEmpty();
            }
        });
    }

    int trackedClients() {
        return failures.size();
    }

    private static void prune(Deque<Instant> times, Instant now) {
        Instant horizon = now.minus(WINDOW);
        while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
            times.removeFirst();
        }
    }
}

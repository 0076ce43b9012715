package io.tandem.security;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import io.tandem.config.TandemConfig;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Guards the ways in that take a short secret (a 6-digit join code) or hand one out (a help code), against guessing
 * from one address, from many addresses, and through many nodes.
 * <ul>
 * <li>Every attempt from a client address is counted before any lookup, in one atomic step with the check, and is
 * taken back only if it succeeded: at most {@code max-failures-per-minute} wrong tries per address and sliding minute,
 * however many arrive at once.</li>
 * <li>Attempts with a code are also counted for the whole service: past {@code max-wrong-codes-per-minute} wrong codes
 * from all addresses together, codes answer 429 for everyone for the rest of the minute (links, 256-bit tokens, go on
 * working). With codes live for {@code ttl} (20 min), no code can be tried more than budget × 20 times in its life.</li>
 * <li>Both logs live in Redis (sorted sets, one Lua script per attempt), shared by every node. While Redis cannot be
 * reached (or answers slower than {@link #REDIS_TIMEOUT}) each node falls back to logs of its own, and goes back to
 * Redis a few seconds later.</li>
 * </ul>
 */
@ApplicationScoped
public class JoinGuard {

    private static final Logger LOG = Logger.getLogger(JoinGuard.class);

    static final long WINDOW_MS = Duration.ofMinutes(1).toMillis();
    static final Duration REDIS_TIMEOUT = Duration.ofMillis(500);
    /** After a Redis failure, this node keeps to its own logs this long before trying Redis again. */
    static final long LOCAL_FOR_MS = 5_000;
    private static final String CODES = "codes";

    /**
     * KEYS[1] the address's log, KEYS[2] (codes only) the service's log of code attempts; ARGV: now (ms), window (ms),
     * the address's limit, the codes' limit, a unique member. Returns {0, 0} when counted in both, else {1 (address) or
     * 2 (codes), ms until the oldest attempt leaves the window}.
     */
    private static final String ACQUIRE = """
            local now = tonumber(ARGV[1])
            local window = tonumber(ARGV[2])
            local function full(key, limit)
              redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
              if redis.call('ZCARD', key) >= limit then
                local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
                return math.max(1, tonumber(oldest[2]) + window - now)
              end
              return nil
            end
            local wait = full(KEYS[1], tonumber(ARGV[3]))
            if wait then return {1, wait} end
            if #KEYS == 2 then
              wait = full(KEYS[2], tonumber(ARGV[4]))
              if wait then return {2, wait} end
              redis.call('ZADD', KEYS[2], now, ARGV[5])
              redis.call('PEXPIRE', KEYS[2], window)
            end
            redis.call('ZADD', KEYS[1], now, ARGV[5])
            redis.call('PEXPIRE', KEYS[1], window)
            return {0, 0}
            """;

    private final Supplier<Redis> redis;
    private final Clock clock;
    private final String prefix;
    private final int perAddress;
    private final int codesPerMinute;
    private final AttemptWindows local;
    private final AtomicLong localUntil = new AtomicLong();

    @Inject
    public JoinGuard(TandemConfig config, Instance<Redis> redis, Clock clock) {
        this(config.join().sharedLimits() ? redis::get : null, clock, config.join().sharedKeyPrefix(),
                config.join().maxFailuresPerMinute(), config.join().maxWrongCodesPerMinute(),
                config.join().maxTrackedClients());
    }

    /** {@code redis} null keeps every log in this process. */
    JoinGuard(Supplier<Redis> redis, Clock clock, String prefix, int perAddress, int codesPerMinute, int maxKeys) {
        this.redis = redis;
        this.clock = clock;
        this.prefix = prefix;
        this.perAddress = perAddress;
        this.codesPerMinute = codesPerMinute;
        this.local = new AttemptWindows(WINDOW_MS, maxKeys);
    }

    /** One counted attempt; {@link #succeeded()} takes it back. */
    public final class Attempt {
        private final String client;
        private final boolean code;
        private final long at;
        private final String member;

        private Attempt(String client, boolean code, long at, String member) {
            this.client = client;
            this.code = code;
            this.at = at;
            this.member = member;
        }

        /** The attempt found what it looked for: it no longer counts against the address or the codes. */
        public Uni<Void> succeeded() {
            if (member == null) {
                local.release(client, at);
                if (code) {
                    local.release(CODES, at);
                }
                return Uni.createFrom().voidItem();
            }
            Request zrem = Request.cmd(Command.EVAL).arg("redis.call('ZREM', KEYS[1], ARGV[1]) if KEYS[2] then"
                    + " redis.call('ZREM', KEYS[2], ARGV[1]) end return 1").arg(code ? 2 : 1)
                    .arg(prefix + "addr:" + client);
            if (code) {
                zrem.arg(prefix + CODES);
            }
            zrem.arg(member);
            // Taking it back is a courtesy to the address: the join goes on whatever Redis answers.
            return send(zrem).replaceWithVoid().onFailure().recoverWithNull().replaceWithVoid();
        }
    }

    /**
     * Counts an attempt of {@code client} (with a code when {@code code}), or fails with 429 and a Retry-After when its
     * address, or the service's codes, have no tries left this minute.
     */
    public Uni<Attempt> attempt(String client, boolean code) {
        long now = clock.millis();
        if (redis == null || now < localUntil.get()) {
            return Uni.createFrom().item(() -> attemptHere(client, code, now));
        }
        String member = UUID.randomUUID().toString();
        Request eval = Request.cmd(Command.EVAL).arg(ACQUIRE).arg(code ? 2 : 1).arg(prefix + "addr:" + client);
        if (code) {
            eval.arg(prefix + CODES);
        }
        eval.arg(now).arg(WINDOW_MS).arg(perAddress).arg(codesPerMinute).arg(member);
        return send(eval).map(r -> {
            if (localUntil.getAndSet(0) != 0) {
                LOG.info("Join limits: Redis answers again; wrong tries are counted for all nodes");
            }
            return r;
        })
                // Redis is there but this node has more tries in flight than its pool queues: a burst, not an
                // outage; counting those tries here would let the burst through, so they are refused
                .onFailure(e -> e.getClass().getSimpleName().equals("ConnectionPoolTooBusyException"))
                .transform(e -> new ProblemException(ProblemType.RATE_LIMITED,
                        "Too many tries at once. Try again in 1 s", Duration.ofSeconds(1)))
                .onFailure(e -> !(e instanceof ProblemException)).recoverWithItem(e -> {
                    long until = clock.millis() + LOCAL_FOR_MS;
                    if (localUntil.getAndSet(until) == 0) {
                        LOG.warnf("Join limits: Redis cannot be reached (%s); this node counts wrong tries on its own",
                                e.getClass().getSimpleName());
                    }
                    return null;
                }).map(r -> {
                    if (r == null) {
                        return attemptHere(client, code, now);
                    }
                    int refused = r.get(0).toInteger();
                    if (refused != 0) {
                        throw refusal(refused == 2, r.get(1).toLong());
                    }
                    return new Attempt(client, code, now, member);
                });
    }

    private Attempt attemptHere(String client, boolean code, long now) {
        long wait = local.acquire(client, perAddress, now);
        if (wait > 0) {
            throw refusal(false, wait);
        }
        if (code) {
            wait = local.acquire(CODES, codesPerMinute, now);
            if (wait > 0) {
                local.release(client, now);
                throw refusal(true, wait);
            }
        }
        return new Attempt(client, code, now, null);
    }

    private static ProblemException refusal(boolean codes, long waitMs) {
        Duration retry = Duration.ofMillis(waitMs);
        long seconds = Math.max(1, (waitMs + 999) / 1000);
        return new ProblemException(ProblemType.RATE_LIMITED, codes
                ? "Too many wrong codes were tried in the last minute. Use the link your advisor sent, or try the"
                        + " code again in " + seconds + " s"
                : "Too many wrong codes or links from this address. Try again in " + seconds + " s", retry);
    }

    private Uni<Response> send(Request request) {
        return Uni.createFrom().completionStage(() -> redis.get().send(request).toCompletionStage())
                .ifNoItem().after(REDIS_TIMEOUT).fail();
    }

    /** Drops this node's logs of addresses whose tries have all left the window. */
    @Scheduled(every = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        local.purge(clock.millis());
    }

    int trackedHere() {
        return local.keys();
    }
}

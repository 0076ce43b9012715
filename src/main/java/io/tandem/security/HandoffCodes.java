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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * One-time codes that hand a session from one page to another (the join page's workspace to the firm's site, the site
 * back to the workspace, the console to its stage frame) without a credential in any URL. The page that holds the
 * credential asks for a code; the next page exchanges the code, once, for the credential. A link copied, forwarded,
 * logged or opened in another browser after that is worth nothing, and so is one older than {@link #TTL}.
 * <ul>
 * <li>Codes are 256 random bits (nothing to guess), kept only as their SHA-256, with the credential they stand for.</li>
 * <li>Kept in Redis (so any node exchanges a code any node issued), taken with GETDEL: two exchanges of one code never
 * both succeed. While Redis cannot be reached, a node keeps its codes itself (bounded) and exchanges codes it issued.</li>
 * </ul>
 */
@ApplicationScoped
public class HandoffCodes {

    private static final Logger LOG = Logger.getLogger(HandoffCodes.class);

    /** How long a code may wait to be exchanged: the next page asks within a second or two. */
    public static final Duration TTL = Duration.ofSeconds(60);
    static final Duration REDIS_TIMEOUT = Duration.ofMillis(500);
    /** Codes a node keeps itself while Redis is away. */
    static final int MAX_LOCAL = 10_000;
    static final String KEY_PREFIX = "tandem:handoff:";
    /** 43 base64url characters: 256 bits. */
    public static final String CODE_PATTERN = "^[A-Za-z0-9_-]{43}$";

    private final Supplier<Redis> redis;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Local> local = new ConcurrentHashMap<>();
    private final AtomicLong localUntil = new AtomicLong();

    private record Local(String value, long expiresAtMs) {}

    /** An issued code and when it stops working. */
    public record Issued(String code, Instant expiresAt) {}

    @Inject
    public HandoffCodes(TandemConfig config, Instance<Redis> redis, Clock clock) {
        this(config.join().sharedLimits() ? redis::get : null, clock);
    }

    /** {@code redis} null keeps every code in this process. */
    HandoffCodes(Supplier<Redis> redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /** A new code for {@code value} (what the next page is to receive), usable once within {@link #TTL}. */
    public Uni<Issued> issue(String value) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String key = hash(code);
        Instant expiresAt = clock.instant().plus(TTL);
        if (redis == null || clock.millis() < localUntil.get()) {
            keepHere(key, value);
            return Uni.createFrom().item(new Issued(code, expiresAt));
        }
        Request set = Request.cmd(Command.SET).arg(KEY_PREFIX + key).arg(value).arg("PX").arg(TTL.toMillis())
                .arg("NX");
        return send(set).map(r -> new Issued(code, expiresAt)).onFailure().recoverWithItem(e -> {
            redisAway(e);
            keepHere(key, value);
            return new Issued(code, expiresAt);
        });
    }

    /** What the code stood for, if it was issued, is younger than {@link #TTL} and was not exchanged before. */
    public Uni<String> exchange(String code) {
        String key = hash(code);
        Local kept = local.remove(key);
        if (kept != null) {
            return Uni.createFrom().item(kept.expiresAtMs() > clock.millis() ? kept.value() : null);
        }
        if (redis == null) {
            return Uni.createFrom().nullItem();
        }
        return send(Request.cmd(Command.GETDEL).arg(KEY_PREFIX + key)).map(r -> r == null ? null : r.toString())
                .onFailure().transform(e -> {
                    redisAway(e);
                    return new ProblemException(ProblemType.UNAVAILABLE,
                            "Your session cannot be handed over just now. Try again in a few seconds",
                            Duration.ofSeconds(5));
                });
    }

    private void keepHere(String key, String value) {
        if (local.size() >= MAX_LOCAL) {
            purge();
            if (local.size() >= MAX_LOCAL) {
                throw new ProblemException(ProblemType.UNAVAILABLE,
                        "Too many sessions are being handed over just now. Try again in a minute",
                        Duration.ofSeconds(30));
            }
        }
        local.put(key, new Local(value, clock.millis() + TTL.toMillis()));
    }

    private void redisAway(Throwable e) {
        long until = clock.millis() + 5_000;
        if (localUntil.getAndSet(until) == 0) {
            LOG.warnf("Handoff codes: Redis cannot be reached (%s); this node keeps its codes itself",
                    e.getClass().getSimpleName());
        }
    }

    private Uni<Response> send(Request request) {
        return Uni.createFrom().completionStage(() -> redis.get().send(request).toCompletionStage())
                .ifNoItem().after(REDIS_TIMEOUT).fail().invoke(() -> localUntil.set(0));
    }

    /** Forgets this node's codes that were never exchanged. */
    @Scheduled(every = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        long now = clock.millis();
        local.values().removeIf(l -> l.expiresAtMs() <= now);
    }

    int keptHere() {
        return local.size();
    }

    private static String hash(String code) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}

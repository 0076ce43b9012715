package io.tandem.signaling.socket;

import io.tandem.signaling.LiveOrigins;
import io.tandem.signaling.token.TokenRejectedException;
import io.tandem.signaling.token.TokenVerifier;
import io.tandem.signaling.token.VerifiedToken;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Checks the bearer token of a signaling upgrade on threads of its own before Jetty upgrades, and hands the result to
 * {@link SignalUpgrade} as a request attribute. An ES256 check costs about a millisecond of CPU: a burst of joins
 * (every client reconnecting after a restart, or a flood of forged tokens) checked on Jetty's threads would hold up
 * the relays of calls already connected. At most {@code threads} checks run at once and at most {@code queue} wait;
 * beyond that the upgrade is answered 503 with {@code Retry-After}.
 */
public final class TokenCheckHandler extends Handler.Wrapper {

    /** A token's check, for {@link SignalUpgrade}; exactly one of {@code verified} and {@code rejected} is set. */
    record Checked(String token, VerifiedToken verified, TokenRejectedException rejected) {

        VerifiedToken result() throws TokenRejectedException {
            if (rejected != null) {
                throw rejected;
            }
            return verified;
        }
    }

    static final String ATTRIBUTE = Checked.class.getName();

    private final TokenVerifier verifier;
    private final LiveOrigins origins;
    private final ThreadPoolExecutor checks;

    public TokenCheckHandler(TokenVerifier verifier, LiveOrigins origins, int threads, int queue, Handler next) {
        super(next);
        this.verifier = verifier;
        this.origins = origins;
        AtomicInteger count = new AtomicInteger();
        checks = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                task -> {
                    // Named like Jetty's pool ("signaling-…") so CPU accounting by thread name sees them.
                    Thread thread = new Thread(task, "signaling-token-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    // Relays first: with -XX:ThreadPriorityPolicy=1 the JVM maps this to a lower OS priority (nice);
                    // without it Linux ignores Java priorities and this changes nothing.
                    thread.setPriority(Thread.MIN_PRIORITY);
                    return thread;
                });
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String token = bearerToken(request);
        if (token == null || !origins.allows(request.getHeaders().get(HttpHeader.ORIGIN))) {
            // Not ours to check: SignalUpgrade refuses (a foreign origin with 403, before any token work) or 404.
            return super.handle(request, response, callback);
        }
        try {
            checks.execute(() -> {
                request.setAttribute(ATTRIBUTE, check(token));
                // The upgrade itself (101, room join, welcome) goes back to Jetty's threads.
                request.getContext().execute(() -> proceed(request, response, callback));
            });
        } catch (RejectedExecutionException e) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
            Response.writeError(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503,
                    "Too many signaling connections at once");
        }
        return true;
    }

    @Override
    protected void doStop() throws Exception {
        checks.shutdownNow();
        super.doStop();
    }

    private Checked check(String token) {
        try {
            return new Checked(token, verifier.verify(token), null);
        } catch (TokenRejectedException e) {
            return new Checked(token, null, e);
        }
    }

    private void proceed(Request request, Response response, Callback callback) {
        try {
            if (!super.handle(request, response, callback)) {
                Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            }
        } catch (Throwable x) {
            callback.failed(x);
        }
    }

    /** The one {@code bearer.} subprotocol offered to {@code /signal/…}, or null (none, several, another path). */
    private static String bearerToken(Request request) {
        if (!SignalUpgrade.PATH.matches(Request.getPathInContext(request))) {
            return null;
        }
        List<String> protocols = request.getHeaders().getCSV(HttpHeader.SEC_WEBSOCKET_SUBPROTOCOL, false);
        List<String> tokens = protocols.stream().filter(p -> p.startsWith(SignalUpgrade.BEARER_PREFIX)).toList();
        return tokens.size() == 1 ? tokens.get(0).substring(SignalUpgrade.BEARER_PREFIX.length()) : null;
    }
}

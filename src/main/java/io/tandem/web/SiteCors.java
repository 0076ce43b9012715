package io.tandem.web;

import io.tandem.site.SiteOrigins;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * CORS for the few public endpoints that tandem.js calls from the firm's site when that site lives on another origin
 * than Tandem: creating and polling a help request, answering the consent question, handing the session over between pages (one-time codes), rating the session, and the video
 * call's signaling token and ICE servers (the call tile on the site; the customer's credential in Authorization, the
 * staff's tokens are never in a site page). Only the site origins (configured, or added by an admin at run time) get
 * CORS headers, only on these paths, and never with credentials; everything else (the staff API, the
 * relay) stays same-origin. Quarkus' global CORS filter is not used because it answers every cross-origin request that
 * its policy does not allow with 403, app-wide, WebSocket upgrades included.
 */
@ApplicationScoped
public class SiteCors {

    static final String ALLOWED_METHODS = "GET, POST";
    /** Authorization carries the customer's session credential (a header, not a cookie) for the rating. */
    static final String ALLOWED_HEADERS = "Content-Type, X-Poll-Token, Authorization";
    static final String MAX_AGE_SECONDS = "600";

    /** Configured plus added at run time (an in-memory snapshot, see SiteOrigins). */
    private final SiteOrigins origins;

    public SiteCors(SiteOrigins origins) {
        this.origins = origins;
    }

    void install(@Observes Router router) {
        router.route("/api/help-requests").order(Integer.MIN_VALUE + 50).handler(this::handle);
        router.routeWithRegex("/api/help-requests/[^/]+").order(Integer.MIN_VALUE + 50).handler(this::handle);
        router.route("/api/join/consent").order(Integer.MIN_VALUE + 50).handler(this::handle);
        router.route("/api/handoff").order(Integer.MIN_VALUE + 50).handler(this::handle);
        router.route("/api/handoff/exchange").order(Integer.MIN_VALUE + 50).handler(this::handle);
        router.routeWithRegex("/api/sessions/[^/]+/feedback").order(Integer.MIN_VALUE + 50).handler(this::handle);
        router.routeWithRegex("/api/sessions/[^/]+/(signaling-token|ice-servers)").order(Integer.MIN_VALUE + 50)
                .handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
        boolean allowed = origins.allowsCors(origin);
        if (allowed) {
            ctx.response().putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        }
        ctx.response().putHeader(HttpHeaders.VARY, "Origin");
        boolean preflight = ctx.request().method() == HttpMethod.OPTIONS
                && ctx.request().getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
        if (!preflight) {
            ctx.next();
            return;
        }
        // A preflight ends here: allowed origins learn what they may send, others get no CORS headers (the browser
        // then refuses to send the real request).
        if (allowed) {
            ctx.response().putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS)
                    .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS)
                    .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS);
        }
        ctx.response().setStatusCode(204).end();
    }
}

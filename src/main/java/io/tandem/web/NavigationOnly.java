package io.tandem.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.api.Problem;
import io.tandem.api.ProblemType;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * The few GET addresses that change state with the browser's cookies (signing out, dropping the console's session for
 * "sign in again") answer only a top-level navigation of Tandem's own pages or a typed address. A page mirrored in
 * the console, or replayed on the supervisor page, is built from the customer's markup on Tandem's origin: its
 * {@code <img src="/console/sign-out">}, frame or style sheet would otherwise sign the advisor out (and every
 * supervisor who replays it, for as long as the recording is kept). Browsers say what a request is for in
 * {@code Sec-Fetch-Dest} and who started it in {@code Sec-Fetch-Site}; where they send neither (plain http to another
 * host than localhost), only a request that accepts a page ({@code text/html}) passes: an image, a style sheet or a
 * script does not ask for one.
 */
@ApplicationScoped
public class NavigationOnly {

    private static final Logger LOG = Logger.getLogger(NavigationOnly.class);

    static final String[] PATHS = {"/console/sign-out", "/sign-in-again"};

    private final ObjectMapper json;

    public NavigationOnly(ObjectMapper json) {
        this.json = json;
    }

    void install(@Observes Router router) {
        for (String path : PATHS) {
            // before authentication and the OIDC logout handler
            router.route(path).order(Integer.MIN_VALUE + 40).handler(this::check);
        }
    }

    private void check(RoutingContext ctx) {
        String dest = ctx.request().getHeader("Sec-Fetch-Dest");
        String site = ctx.request().getHeader("Sec-Fetch-Site");
        String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
        boolean navigation = dest != null
                ? dest.equals("document") && (site == null || site.equals("same-origin") || site.equals("none"))
                : accept != null && accept.contains("text/html");
        if (navigation) {
            ctx.next();
            return;
        }
        LOG.infof("Refused %s %s: not a navigation of Tandem's pages (Sec-Fetch-Dest %s, Sec-Fetch-Site %s)",
                ctx.request().method(), ctx.normalizedPath(), dest, site);
        Problem problem = ProblemType.FORBIDDEN.toProblem("Signing out is done from the console's own button",
                ctx.normalizedPath());
        try {
            ctx.response().setStatusCode(403).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            ctx.response().setStatusCode(403).end();
        }
    }
}

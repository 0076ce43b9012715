package io.tandem.staff.signin;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.regex.Pattern;

/**
 * "Sign in again" for a console whose server-side sign-in is over (signed out at Keycloak, or its refresh refused):
 * {@code GET /sign-in-again?next=/console/...} drops the stale session cookies and sends the browser back to the console
 * address, which the console tenant then sends to Keycloak's login page.
 * <p>
 * Reloading the page with the stale cookie instead is not reliable: quarkus-oidc may answer such a page load with a bare
 * 401 (a failed re-authentication, or a load without cookies whose Referer is Keycloak's authorization endpoint, which
 * it takes for a lost state cookie). This route is outside the console paths, so it needs no sign-in, and only
 * redirects to the consoles of this server.
 */
@ApplicationScoped
public class ConsoleSessionReset {

    static final String PATH = "/sign-in-again";
    static final String SESSION_COOKIE_PREFIX = "q_session";
    /** Where "sign in again" may lead: a console page of this server (no scheme, host or path tricks). */
    private static final Pattern CONSOLE_PAGE = Pattern
            .compile("^/(console|supervisor)(/[A-Za-z0-9._~/-]*)?(\\?[^#\\\\]*)?$");

    /** A `.` or `..` path segment: the browser would resolve it to another path of this server. */
    private static final Pattern DOT_SEGMENT = Pattern.compile("/\\.{1,2}(/|\\?|$)");

    void install(@Observes Router router) {
        router.get(PATH).handler(this::reset);
    }

    private void reset(RoutingContext ctx) {
        String next = ctx.request().getParam("next");
        String target = next != null && CONSOLE_PAGE.matcher(next).matches() && !next.contains("//")
                && !DOT_SEGMENT.matcher(next).find()
                        ? next
                        : "/console/";
        ctx.request().cookies().forEach(c -> {
            if (c.getName().startsWith(SESSION_COOKIE_PREFIX)) {
                ctx.response().headers().add(HttpHeaders.SET_COOKIE,
                        c.getName() + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
            }
        });
        ctx.response().setStatusCode(303).putHeader(HttpHeaders.LOCATION, target)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end();
    }
}

package io.tandem.staff.signin;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A console page request (advisor console or supervisor page) whose server-side sign-in no longer counts (signed out at Keycloak, or its refresh refused)
 * can end in a bare 401 instead of the sign-in redirect. Such a page load drops the stale session cookies and loads
 * the same address again, which the console tenant then sends to Keycloak's login page.
 */
@ApplicationScoped
public class ConsoleSessionReset {

    static final String SESSION_COOKIE_PREFIX = "q_session";

    void install(@Observes Router router) {
        for (String path : new String[]{"/console", "/console/*", "/supervisor", "/supervisor/*"}) {
            router.route(path).order(-20).handler(this::watch);
        }
    }

    private void watch(RoutingContext ctx) {
        if (ctx.request().method() == HttpMethod.GET && !ctx.request().path().equals("/console/token")
                && hasSessionCookie(ctx)) {
            ctx.addHeadersEndHandler(v -> {
                if (ctx.response().getStatusCode() == 401) {
                    ctx.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, ctx.request().uri());
                    ctx.response().headers().remove(HttpHeaders.CONTENT_LENGTH);
                    ctx.request().cookies().forEach(c -> {
                        if (c.getName().startsWith(SESSION_COOKIE_PREFIX)) {
                            // a raw header: this runs while the head is being written, after cookie handling
                            ctx.response().headers().add(HttpHeaders.SET_COOKIE,
                                    c.getName() + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
                        }
                    });
                }
            });
        }
        ctx.next();
    }

    private static boolean hasSessionCookie(RoutingContext ctx) {
        return ctx.request().cookies().stream().anyMatch(c -> c.getName().startsWith(SESSION_COOKIE_PREFIX));
    }
}

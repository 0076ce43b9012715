package io.tandem.web;

import io.tandem.config.TandemConfig;
import io.tandem.security.Origins;
import io.tandem.video.SignalingUrl;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Security headers for Tandem's own pages. The console and the customer workspace render a mirror of someone else's
 * page; their CSP is what stops a mirrored page from loading anything from, or sending anything to, other hosts
 * (CSS url(), images, fonts), from navigating its frame away, or from running script (rrweb's sandboxed frame
 * inherits this policy).
 */
@ApplicationScoped
public class SecurityHeaders {

    private final String mirrorPolicy;

    public SecurityHeaders(TandemConfig config, SignalingUrl signaling,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") java.util.Optional<String> oidc) {
        List<String> sites = new ArrayList<>();
        config.site().origins().ifPresent(sites::addAll);
        String siteSources = sites.isEmpty() ? "" : " " + String.join(" ", sites);
        String keycloak = oidc.map(SecurityHeaders::origin).orElse("");
        this.mirrorPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'" + siteSources
                + "; img-src 'self' data: blob:" + siteSources + "; font-src 'self' data:" + siteSources
                + "; media-src 'self' blob:" + siteSources + "; connect-src 'self'" + keycloak + " "
                + signaling.origin()
                + "; frame-src 'self'; child-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"
                + keycloak + "; frame-ancestors 'none'";
    }

    void install(@Observes Router router) {
        for (String path : new String[]{"/console", "/console/*", "/supervisor", "/supervisor/*"}) {
            router.route(path).order(-10).handler(this::staffPage); // the supervisor's replays are mirrors too
        }
        router.route("/join/*").order(-10).handler(this::mirrorPage);
        router.route("/join").order(-10).handler(this::mirrorPage);
    }

    /**
     * A staff page is never taken from the browser's cache: it is only served signed in, and a cached copy would load
     * without asking the server (so "sign in again" or a signed-out console would never reach the sign-in).
     */
    private void staffPage(RoutingContext ctx) {
        ctx.addHeadersEndHandler(v -> ctx.response().headers().set("Cache-Control", "no-store"));
        mirrorPage(ctx);
    }

    private void mirrorPage(RoutingContext ctx) {
        ctx.response().putHeader("Content-Security-Policy", mirrorPolicy)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Frame-Options", "DENY");
        ctx.next();
    }

    private static String origin(String url) {
        try {
            return " " + Origins.of(url);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}

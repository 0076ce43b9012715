package io.tandem.web;

import io.tandem.security.Origins;
import io.tandem.site.SiteOrigins;
import io.tandem.video.SignalingUrl;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Security headers for Tandem's own pages. The console and the customer workspace render a mirror of someone else's
 * page; their CSP is what stops a mirrored page from loading anything from, or sending anything to, other hosts
 * (CSS url(), images, fonts), from navigating its frame away, or from running script (rrweb's sandboxed frame
 * inherits this policy).
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String PLAIN_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** A mirror policy and the site origins it was built for (they change at run time). */
    private record MirrorPolicy(Set<String> sites, String policy) {}

    private final SiteOrigins siteOrigins;
    private final String signalingOrigin;
    private final String keycloak;
    private volatile MirrorPolicy mirrorPolicy;

    public SecurityHeaders(SiteOrigins siteOrigins, SignalingUrl signaling,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") java.util.Optional<String> oidc) {
        this.siteOrigins = siteOrigins;
        this.signalingOrigin = signaling.origin();
        this.keycloak = oidc.map(SecurityHeaders::origin).orElse("");
        this.mirrorPolicy = mirrorPolicy(siteOrigins.sites());
    }

    /** The site's assets may show in the mirror: its origins, configured or added at run time. */
    private MirrorPolicy mirrorPolicy(Set<String> sites) {
        String siteSources = sites.isEmpty() ? "" : " " + String.join(" ", sites);
        return new MirrorPolicy(sites, "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'"
                + siteSources + "; img-src 'self' data: blob:" + siteSources + "; font-src 'self' data:" + siteSources
                + "; media-src 'self' blob:" + siteSources + "; connect-src 'self'" + keycloak + " " + signalingOrigin
                + "; frame-src 'self'; child-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"
                + keycloak + "; frame-ancestors 'none'");
    }

    void install(@Observes Router router) {
        for (String path : new String[]{"/console", "/console/*", "/supervisor", "/supervisor/*"}) {
            router.route(path).order(-10).handler(this::staffPage); // the supervisor's replays are mirrors too
        }
        router.route("/join/*").order(-10).handler(this::mirrorPage);
        router.route("/join").order(-10).handler(this::mirrorPage);
        router.route("/").order(-10).handler(this::plainPage);
        router.route("/index.html").order(-10).handler(this::plainPage);
        router.route("/css/*").order(-10).handler(this::plainPage);
        // The demo site stands for the firm's own site: its pages may be framed and may run their own inline script
        // (as a firm's pages do), so they get the headers any page should have, not Tandem's page policy.
        router.route("/demo/*").order(-10).handler(this::sitePage);
        // tandem.js and its assets are loaded by the firm's pages from another origin: typed, never sniffed
        router.route("/tandem.js").order(-10).handler(this::script);
        router.route("/tandem.js.map").order(-10).handler(this::script);
        router.route("/assets/*").order(-10).handler(this::script);
    }

    /** Tandem's own pages without a mirror: nothing but Tandem's own files, never framed. */
    private void plainPage(RoutingContext ctx) {
        ctx.response().putHeader("Content-Security-Policy", PLAIN_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Frame-Options", "DENY");
        ctx.next();
    }

    private void sitePage(RoutingContext ctx) {
        ctx.response().putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        ctx.next();
    }

    private void script(RoutingContext ctx) {
        ctx.response().putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "strict-origin-when-cross-origin")
                .putHeader("Cross-Origin-Resource-Policy", "cross-origin");
        ctx.next();
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
        MirrorPolicy policy = mirrorPolicy;
        Set<String> sites = siteOrigins.sites();
        if (policy.sites() != sites) { // rebuilt once per change of the site origins, not per request
            policy = mirrorPolicy(sites);
            mirrorPolicy = policy;
        }
        ctx.response().putHeader("Content-Security-Policy", policy.policy())
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

package io.tandem.settings;

import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The branding customers' pages, tandem.js on the firm's site and the Keycloak login theme show: public, readable from
 * any origin (nothing in it is private, and no credentials are involved), cached for a minute. The logo is served with
 * its checked type and a sandboxing policy, so even an SVG opened on its own runs nothing and loads nothing.
 */
@Path("/api/branding")
@PermitAll
public class PublicBrandingResource {

    static final String LOGO_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";

    private final Branding branding;

    public PublicBrandingResource(Branding branding) {
        this.branding = branding;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get() {
        return Response.ok(branding.current().toPublic()).header("Cache-Control", "public, max-age=60")
                .header("Access-Control-Allow-Origin", "*").header("Cross-Origin-Resource-Policy", "cross-origin")
                .build();
    }

    @GET
    @Path("/logo")
    public Response logo() {
        Branding.Logo logo = branding.logo();
        if (logo == null) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No logo has been set.");
        }
        return Response.ok(logo.content(), logo.type()).header("Cache-Control", "public, max-age=300")
                .header("Content-Security-Policy", LOGO_POLICY).header("X-Content-Type-Options", "nosniff")
                .header("Access-Control-Allow-Origin", "*").header("Cross-Origin-Resource-Policy", "cross-origin")
                .header("ETag", "\"" + logo.sha().substring(0, 16) + "\"").build();
    }
}

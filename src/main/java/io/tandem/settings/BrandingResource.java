package io.tandem.settings;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tandem.audit.AuditAction;
import io.tandem.audit.AuditLog;
import io.tandem.staff.Roles;
import io.tandem.staff.StaffService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The firm's branding: admins set the name, primary colour and logo, supervisors read them. A change shows on pages
 * opened after it (customers' pages and tandem.js cache the public branding for a minute). Every change is audited.
 */
@Path("/api/admin/branding")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class BrandingResource {

    /** Largest logo accepted, in bytes (256 KiB: a logo, not a photograph). */
    static final int MAX_LOGO_BYTES = 256 * 1024;
    static final String LOGO = "/api/admin/branding/logo";
    private static final Logger LOG = Logger.getLogger(BrandingResource.class);

    private final Branding branding;
    private final StaffService staff;
    private final AuditLog audit;
    private final SecurityIdentity identity;

    public BrandingResource(Branding branding, StaffService staff, AuditLog audit, SecurityIdentity identity) {
        this.branding = branding;
        this.staff = staff;
        this.audit = audit;
        this.identity = identity;
    }

    /** Whether a request uploads a logo, which the JSON body limit must let through (it has its own bound). */
    public static boolean isUpload(String method, String path) {
        return "PUT".equals(method) && LOGO.equals(path);
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    public BrandingView get() {
        return branding.current();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<BrandingView> change(@Valid @NotNull BrandingRequest request) {
        List<String> changes = new ArrayList<>();
        if (request.name() != null) {
            changes.add("the firm's name to \u201c" + request.name().strip() + "\u201d");
        }
        if (request.colour() != null) {
            changes.add("the primary colour to " + request.colour().toLowerCase(java.util.Locale.ROOT));
        }
        if (changes.isEmpty()) {
            return Uni.createFrom().item(branding.current());
        }
        return staff.current(identity).chain(me -> branding.change(request, name())
                .call(v -> audit.record(me, AuditAction.BRANDING, null, null,
                        "Changed " + String.join(" and ", changes) + ".")));
    }

    /** The logo as the body (PNG, SVG, JPEG or WebP, told apart by its content), at most 256 KiB. */
    @PUT
    @Path("/logo")
    @Consumes(MediaType.WILDCARD)
    public Uni<BrandingView> changeLogo(byte[] body) {
        return Uni.createFrom().item(() -> checked(body))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()) // SVG parsing: off the event loop
                .chain(logo -> staff.current(identity).chain(me -> branding.changeLogo(logo, name())
                        .call(v -> audit.record(me, AuditAction.BRANDING, null, null,
                                "Changed the logo (" + kind(logo.type()) + ", " + logo.content().length
                                        + " bytes)."))));
    }

    @DELETE
    @Path("/logo")
    public Uni<BrandingView> removeLogo() {
        return staff.current(identity).chain(me -> branding.removeLogo(name())
                .call(v -> audit.record(me, AuditAction.BRANDING, null, null, "Removed the logo.")));
    }

    private static BrandingLogo.Checked checked(byte[] body) {
        try {
            return BrandingLogo.check(body == null ? new byte[0] : body, MAX_LOGO_BYTES);
        } catch (io.tandem.api.ProblemException e) {
            LOG.infof("Logo refused: %s", e.getMessage());
            throw e;
        }
    }

    private static String kind(String type) {
        return switch (type) {
            case "image/svg+xml" -> "SVG";
            case "image/png" -> "PNG";
            case "image/jpeg" -> "JPEG";
            default -> "WebP";
        };
    }

    private String name() {
        return identity.getPrincipal().getName();
    }
}

package io.tandem.audit;

import io.smallrye.mutiny.Uni;
import io.tandem.api.Page;
import io.tandem.api.Paging;
import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import io.tandem.config.TandemConfig;
import io.tandem.staff.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import java.util.UUID;

/** The audit log, for supervisors and admins. */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
public class AuditResource {

    private final AuditLog audit;
    private final TandemConfig config;

    public AuditResource(AuditLog audit, TandemConfig config) {
        this.audit = audit;
        this.config = config;
    }

    /** Entries newest first; filters: action (replay, export, watch, erasure, purge, branding), session (id). */
    @GET
    public Uni<Page<AuditEntry>> list(@QueryParam("action") String action, @QueryParam("session") String session,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        Paging paging = Paging.of(page, size, config.sessions().maxPageSize());
        return audit.list(action(action), uuid(session), paging);
    }

    private static AuditAction action(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return AuditAction.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.INVALID_REQUEST,
                    "action: one of replay, export, watch, erasure, purge, branding");
        }
    }

    private static UUID uuid(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "session: an id (UUID)");
        }
    }
}

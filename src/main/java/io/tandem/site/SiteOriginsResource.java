package io.tandem.site;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tandem.staff.Roles;
import io.tandem.staff.StaffService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The firm's site origins: admins add and remove them at run time, supervisors read them. A change applies on every
 * node within seconds, without a restart: to relay and signaling upgrades and to tandem.js's cross-origin calls.
 */
@Path("/api/admin/sites")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class SiteOriginsResource {

    private final SiteOrigins origins;
    private final StaffService staff;
    private final SecurityIdentity identity;

    public SiteOriginsResource(SiteOrigins origins, StaffService staff, SecurityIdentity identity) {
        this.origins = origins;
        this.staff = staff;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    public SiteOriginsView list() {
        return origins.view();
    }

    /** 201 with the origins now in effect; 400 for a malformed origin, 409 when it is allowed already. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> add(@NotNull SiteOriginRequest request) {
        return staff.current(identity).chain(me -> origins.add(request.origin(), me))
                .map(view -> Response.status(Response.Status.CREATED).entity(view).build());
    }

    /** {@code DELETE /api/admin/sites?origin=https://www.insurer.example}: 404 when it was not added here. */
    @DELETE
    public Uni<SiteOriginsView> remove(@QueryParam("origin") String origin) {
        return staff.current(identity).chain(me -> origins.remove(origin, me));
    }
}

package io.tandem.settings;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tandem.staff.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Product settings: admins read and change them, supervisors read them. A change applies to sessions opened after it
 * (remote control, recording) and to ratings given after it (feedback window); running sessions keep theirs.
 */
@Path("/api/admin/settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class SettingsResource {

    private final Settings settings;
    private final SecurityIdentity identity;

    public SettingsResource(Settings settings, SecurityIdentity identity) {
        this.settings = settings;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    public SettingsView get() {
        return settings.current();
    }

    @PUT
    public Uni<SettingsView> change(@Valid @NotNull SettingsRequest request) {
        return settings.change(request, identity.getPrincipal().getName());
    }
}

package io.tandem.retention;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tandem.staff.Roles;
import io.tandem.staff.StaffService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/** GDPR erasure of one customer, by an admin (audited). */
@Path("/api/customers/{id}/erasure")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class ErasureResource {

    private final Retention retention;
    private final StaffService staff;
    private final SecurityIdentity identity;

    public ErasureResource(Retention retention, StaffService staff, SecurityIdentity identity) {
        this.retention = retention;
        this.staff = staff;
        this.identity = identity;
    }

    @POST
    public Uni<Retention.Erasure> erase(@PathParam("id") UUID id) {
        return staff.current(identity).chain(me -> retention.erase(me, id));
    }
}

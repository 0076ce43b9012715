package io.tandem.session.colleague;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tandem.staff.Roles;
import io.tandem.staff.StaffService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * A session's colleagues, for its owner: invitations to join or take over (sent, listed, withdrawn); and for
 * supervisors, stepping into the conversation and out.
 */
@Path("/api/sessions/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADVISOR, Roles.SUPERVISOR})
public class SessionColleaguesResource {

    private final Colleagues colleagues;
    private final StaffService staff;
    private final SecurityIdentity identity;
    private final Clock clock;

    public SessionColleaguesResource(Colleagues colleagues, StaffService staff, SecurityIdentity identity,
            Clock clock) {
        this.colleagues = colleagues;
        this.staff = staff;
        this.identity = identity;
        this.clock = clock;
    }

    @POST
    @Path("invitations")
    @RolesAllowed(Roles.ADVISOR)
    public Uni<Response> invite(@PathParam("id") UUID id, @Valid @NotNull InviteRequest request) {
        return staff.current(identity).chain(me -> colleagues.invite(me, id, new Colleagues.Ask(request
                .inviteeId(), request.team(), request.note(), request.kind())))
                .map(inv -> Response.created(URI.create("/api/sessions/" + id + "/invitations/" + inv.id()))
                        .entity(InvitationView.of(inv, clock.instant())).build());
    }

    @GET
    @Path("invitations")
    @RolesAllowed(Roles.ADVISOR)
    public Uni<List<InvitationView>> invitations(@PathParam("id") UUID id) {
        return staff.current(identity).chain(me -> colleagues.ofSession(me, id))
                .map(rows -> rows.stream().map(r -> InvitationView.of(r, clock.instant())).toList());
    }

    @DELETE
    @Path("invitations/{invitation}")
    @RolesAllowed(Roles.ADVISOR)
    public Uni<Response> withdraw(@PathParam("id") UUID id, @PathParam("invitation") UUID invitation) {
        return staff.current(identity).chain(me -> colleagues.withdraw(me, id, invitation))
                .map(x -> Response.noContent().build());
    }

    @POST
    @Path("step-in")
    @RolesAllowed(Roles.SUPERVISOR)
    public Uni<Response> stepIn(@PathParam("id") UUID id) {
        return staff.current(identity).chain(me -> colleagues.step(me, id, true))
                .map(x -> Response.noContent().build());
    }

    @POST
    @Path("step-out")
    @RolesAllowed(Roles.SUPERVISOR)
    public Uni<Response> stepOut(@PathParam("id") UUID id) {
        return staff.current(identity).chain(me -> colleagues.step(me, id, false))
                .map(x -> Response.noContent().build());
    }
}

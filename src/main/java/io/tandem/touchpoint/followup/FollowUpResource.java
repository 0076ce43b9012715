package io.tandem.touchpoint.followup;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import io.tandem.staff.Roles;
import io.tandem.staff.StaffService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Follow-up tasks: an advisor's own in the console, everyone's on the supervisor page; closed with a note. */
@Path("/api/follow-ups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADVISOR, Roles.SUPERVISOR})
public class FollowUpResource {

    /** What was done to close the loop. */
    public record CloseRequest(
            @NotBlank(message = "Write a note on what was done to close the loop.") @Size(max = 2000, message = "Keep the note to {max} characters or fewer.") String note) {}

    private final FollowUpService followUps;
    private final StaffService staff;
    private final SecurityIdentity identity;

    public FollowUpResource(FollowUpService followUps, StaffService staff, SecurityIdentity identity) {
        this.followUps = followUps;
        this.staff = staff;
        this.identity = identity;
    }

    /**
     * {@code state} open (default), closed or all; {@code everyone=true} (supervisors) lists every advisor's tasks,
     * {@code customer} one customer's; otherwise the caller's own.
     */
    @GET
    public Uni<List<FollowUpView>> list(@QueryParam("state") String state, @QueryParam("everyone") boolean everyone,
            @QueryParam("customer") UUID customer) {
        FollowUps.State s = state(state);
        return staff.current(identity).chain(me -> followUps.list(me, s, everyone, customer));
    }

    @POST
    @Path("{id}/close")
    public Uni<FollowUpView> close(@PathParam("id") UUID id, @Valid @NotNull CloseRequest request) {
        return staff.current(identity).chain(me -> followUps.close(me, id, request.note()));
    }

    private static FollowUps.State state(String value) {
        if (value == null || value.isBlank()) {
            return FollowUps.State.OPEN;
        }
        try {
            return FollowUps.State.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "state must be open, closed or all.");
        }
    }
}

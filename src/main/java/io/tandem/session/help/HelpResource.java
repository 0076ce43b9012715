package io.tandem.session.help;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tandem.security.ClientAddress;
import io.tandem.session.rest.SessionView;
import io.tandem.staff.Roles;
import io.tandem.staff.StaffService;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;

/** The help-button flow: visitors' pages create and poll help requests, advisors claim them by code. */
@Path("/api/help-requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HelpResource {

    private final HelpService help;
    private final StaffService staff;
    private final SecurityIdentity identity;

    public HelpResource(HelpService help, StaffService staff, SecurityIdentity identity) {
        this.help = help;
        this.staff = staff;
        this.identity = identity;
    }

    /**
     * What a site page may say with its help request: the CRM id of its signed-in customer, if it has one, and the
     * firm's proof of it (see {@link CustomerIdentity}).
     */
    public record HelpAsk(
            @Size(max = 100, message = "Keep the customer's CRM id to {max} characters or fewer.") String customerCrmId,
            @Size(max = 128, message = "Keep the customer's hash to {max} characters or fewer.") String customerHash) {}

    @POST
    @PermitAll
    public Uni<Response> create(@Context HttpServerRequest http, @Valid HelpAsk ask) {
        String client = ClientAddress.of(http);
        return help.create(client, ask == null ? null : ask.customerCrmId(), ask == null ? null : ask.customerHash())
                .map(t -> Response.created(URI.create("/api/help-requests/" + t.id())).entity(t)
                        .build());
    }

    @GET
    @Path("{id}")
    @PermitAll
    public Uni<HelpStatus> poll(@PathParam("id") UUID id, @HeaderParam("X-Poll-Token") String token) {
        return help.poll(id, token);
    }

    /** The help requests of this advisor's customers, waiting for them first (account manager routing). */
    @GET
    @Path("waiting")
    @RolesAllowed(Roles.ADVISOR)
    public Uni<java.util.List<WaitingHelp>> waiting() {
        return staff.current(identity).chain(help::waitingFor);
    }

    @POST
    @Path("claim")
    @RolesAllowed(Roles.ADVISOR)
    public Uni<Response> claim(@Valid @NotNull ClaimHelpRequest request) {
        return staff.current(identity)
                .chain(me -> help.claim(me, request.code(), request.customerId(), request.customer(),
                        request.purpose()))
                .map(row -> Response.created(URI.create("/api/sessions/" + row.session().id))
                        .entity(SessionView.of(row)).build());
    }
}

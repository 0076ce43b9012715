package io.tandem.session.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tandem.security.ClientAddress;
import io.tandem.config.TandemConfig;
import io.tandem.security.CustomerCredential;
import io.tandem.security.CustomerIdentityProvider;
import io.tandem.session.CobrowseSession;
import io.tandem.session.service.JoinService;
import io.tandem.staff.Roles;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The customer's side: redeem a code or link, consent, then read the session with the customer credential. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class JoinResource {

    private final JoinService joins;
    private final SecurityIdentity identity;
    private final TandemConfig config;

    public JoinResource(JoinService joins, SecurityIdentity identity, TandemConfig config) {
        this.joins = joins;
        this.identity = identity;
        this.config = config;
    }

    @POST
    @Path("join")
    @PermitAll
    public Uni<JoinView> redeem(@Valid @NotNull JoinRequest request, @Context HttpServerRequest http) {
        String client = ClientAddress.of(http);
        return joins.redeem(client, request.code(), request.token()).map(r -> {
            CobrowseSession s = r.row().session();
            return new JoinView(r.consentTicket(), s.consentExpiresAt, s.id, r.row().advisorName(), s.purpose);
        });
    }

    @POST
    @Path("join/consent")
    @PermitAll
    public Uni<Response> consent(@Valid @NotNull ConsentRequest request) {
        return joins.consent(request.ticket(), request.accept()).map(admission -> admission
                .map(a -> Response.ok(new AdmissionView(a.row().session().id, a.credential(), a.credentialExpiresAt(),
                        a.row().advisorName(), a.row().session().purpose, config.site().name(),
                        config.site().startUrl())).build())
                .orElseGet(() -> Response.noContent().build()));
    }

    @GET
    @Path("customer/session")
    @RolesAllowed(Roles.CUSTOMER)
    public Uni<CustomerSessionView> session() {
        CustomerCredential credential = identity.getAttribute(CustomerIdentityProvider.CREDENTIAL_ATTRIBUTE);
        return joins.sessionOf(credential).map(row -> {
            CobrowseSession s = row.session();
            return new CustomerSessionView(s.id, s.status, row.advisorName(), s.purpose, s.startedAt, s.endedAt);
        });
    }
}

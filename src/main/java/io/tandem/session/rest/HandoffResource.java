package io.tandem.session.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import io.tandem.security.CustomerCredential;
import io.tandem.security.CustomerCredentials;
import io.tandem.security.CustomerIdentityProvider;
import io.tandem.security.HandoffCodes;
import io.tandem.session.service.JoinService;
import io.tandem.staff.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

/**
 * Hands a session from one page to the next without a credential in the URL (docs/security.md, "Consent cannot be
 * skipped by a link"): the page that holds the credential asks for a one-time code, the next page exchanges it once.
 */
@Path("/api/handoff")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HandoffResource {

    private static final Logger LOG = Logger.getLogger(HandoffResource.class);

    /** What a code stands for, as kept with it (in Redis or in this node). */
    record Grant(String credential, boolean stage, HandoffRequest.HandoffCall call) {}

    private final HandoffCodes codes;
    private final CustomerCredentials credentials;
    private final JoinService joins;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    public HandoffResource(HandoffCodes codes, CustomerCredentials credentials, JoinService joins,
            SecurityIdentity identity, ObjectMapper json) {
        this.codes = codes;
        this.credentials = credentials;
        this.joins = joins;
        this.identity = identity;
        this.json = json;
    }

    /** A code for the caller's own credential (a customer's, or the advisor's stage page's). */
    @POST
    @RolesAllowed({Roles.CUSTOMER, Roles.STAGE})
    public Uni<Response> issue(@Valid HandoffRequest request, @HeaderParam(HttpHeaders.AUTHORIZATION) String header) {
        boolean stage = identity.hasRole(Roles.STAGE);
        // the header was read and verified by CustomerAuthenticationMechanism: "Customer <credential>" or "Stage <...>"
        String credential = header.substring(header.indexOf(' ') + 1).trim();
        Grant grant = new Grant(credential, stage, request == null ? null : request.call());
        return codes.issue(write(grant))
                .map(issued -> Response.status(Response.Status.CREATED)
                        .entity(new HandoffCodeView(issued.code(), issued.expiresAt())).build());
    }

    /** The session the code stands for; a code works once. */
    @POST
    @Path("exchange")
    @PermitAll
    public Uni<HandoffView> exchange(@Valid @NotNull HandoffExchange request) {
        return codes.exchange(request.code()).chain(kept -> {
            Grant grant = kept == null ? null : read(kept);
            CustomerCredential session = grant == null
                    ? null
                    : (grant.stage()
                            ? credentials.verifyStage(grant.credential())
                            : credentials.verify(grant.credential())).orElse(null);
            if (session == null) {
                LOG.info("Handoff refused: a code that was already used, expired or never issued");
                throw new ProblemException(ProblemType.HANDOFF_GONE,
                        "This link has already been used or has expired, so nothing is shared. Go back to the page"
                                + " you came from, or ask your advisor for a new link.");
            }
            if (grant.stage()) {
                return Uni.createFrom().item(new HandoffView(session.sessionId(), grant.credential(),
                        session.expiresAt(), "stage", null, null, null));
            }
            return joins.sessionOf(session).map(row -> new HandoffView(session.sessionId(), grant.credential(),
                    session.expiresAt(), "customer", row.advisorName(), row.session().purpose, grant.call()));
        });
    }

    private String write(Grant grant) {
        try {
            return json.writeValueAsString(grant);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Grant read(String kept) {
        try {
            return json.readValue(kept, Grant.class);
        } catch (JsonProcessingException e) {
            return null; // not ours: nothing to hand over
        }
    }
}

package io.tandem.document.rest;

import io.tandem.touchpoint.ViewedDocument;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tandem.document.repository.SessionDocumentStore;
import io.tandem.document.service.SessionDocuments;
import io.tandem.security.CustomerCredential;
import io.tandem.security.CustomerIdentityProvider;
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
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;

/** Documents in a session: shared by its advisor, read and signed by its customer, viewed (for the touchpoint). */
@Path("/api/sessions/{id}/documents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SessionDocumentResource {

    /** Which version to share. */
    public record ShareRequest(@NotNull(message = "Choose the document version to share.") UUID versionId) {}

    /** The customer's sign-off: the clause they acknowledge and the name they typed. */
    public record AcknowledgeRequest(
            @NotBlank(message = "Choose the clause you confirm.") @Size(max = 200, message = "Keep the clause to {max} characters or fewer.") String clause,
            @NotBlank(message = "Type your name to confirm.") @Size(max = 200, message = "Keep your name to {max} characters or fewer.") String name) {}

    /** A stored sign-off with the SHA-256 (hex) of the version that was read. */
    public record AcknowledgementView(UUID id, UUID versionId, String clause, String name, String sha256, Instant at) {

        static AcknowledgementView of(SessionDocumentStore.Acknowledgement a) {
            return new AcknowledgementView(a.id(), a.versionId(), a.clause(), a.name(),
                    HexFormat.of().formatHex(a.sha256()), a.at());
        }
    }

    /** What the session's touchpoint records about documents. */
    public record ActivityView(List<ViewedDocument> viewed, List<AcknowledgementView> acknowledgements) {}

    private final SessionDocuments documents;
    private final StaffService staff;
    private final SecurityIdentity identity;

    public SessionDocumentResource(SessionDocuments documents, StaffService staff, SecurityIdentity identity) {
        this.documents = documents;
        this.staff = staff;
        this.identity = identity;
    }

    /** Shares a version with the session's customer (201; sharing it again is harmless). */
    @POST
    @RolesAllowed(Roles.ADVISOR)
    public Uni<RestResponse<DocumentView>> share(@PathParam("id") UUID id, @Valid @NotNull ShareRequest request) {
        return staff.current(identity).chain(me -> documents.share(me, id, request.versionId()))
                .map(v -> RestResponse.status(RestResponse.Status.CREATED, DocumentView.of(v)));
    }

    /** The versions shared in the session: for its staff, and for its customer while it is live. */
    @GET
    @RolesAllowed({Roles.ADVISOR, Roles.SUPERVISOR, Roles.ADMIN, Roles.CUSTOMER})
    public Uni<List<DocumentView>> shared(@PathParam("id") UUID id) {
        CustomerCredential customer = identity.getAttribute(CustomerIdentityProvider.CREDENTIAL_ATTRIBUTE);
        if (customer != null && identity.hasRole(Roles.CUSTOMER)) {
            return documents.sharedForCustomer(CustomerIdentityProvider.credentialFor(identity, id))
                    .map(list -> list.stream().map(DocumentView::of).toList());
        }
        return staff.current(identity).chain(me -> documents.sharedForStaff(me, id))
                .map(list -> list.stream().map(DocumentView::of).toList());
    }

    @POST
    @Path("{versionId}/acknowledgements")
    @RolesAllowed(Roles.CUSTOMER)
    public Uni<RestResponse<AcknowledgementView>> acknowledge(@PathParam("id") UUID id,
            @PathParam("versionId") UUID versionId, @Valid @NotNull AcknowledgeRequest request) {
        CustomerCredential credential = CustomerIdentityProvider.credentialFor(identity, id);
        return documents.acknowledge(credential, versionId, request.clause(), request.name())
                .map(a -> RestResponse.status(RestResponse.Status.CREATED, AcknowledgementView.of(a)));
    }

    /** Which versions were viewed, how long, which pages, and the customer's sign-offs. */
    @GET
    @Path("activity")
    @RolesAllowed({Roles.ADVISOR, Roles.SUPERVISOR, Roles.ADMIN})
    public Uni<ActivityView> activity(@PathParam("id") UUID id) {
        return staff.current(identity).chain(me -> documents.viewings(me, id)
                .chain(viewed -> documents.acknowledgements(me, id).map(acks -> new ActivityView(viewed,
                        acks.stream().map(AcknowledgementView::of).toList()))));
    }
}

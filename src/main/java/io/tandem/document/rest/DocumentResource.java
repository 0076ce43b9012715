package io.tandem.document.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tandem.api.Page;
import io.tandem.api.Paging;
import io.tandem.config.TandemConfig;
import io.tandem.document.DocumentKind;
import io.tandem.document.DocumentVersion;
import io.tandem.document.service.DocumentAccess;
import io.tandem.document.service.DocumentService;
import io.tandem.security.CustomerIdentityProvider;
import io.tandem.security.CustomerCredential;
import io.tandem.staff.Roles;
import io.tandem.staff.StaffService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import jakarta.ws.rs.core.Response;

/** The document library for staff (uploads go through {@link UploadRoute}), and document content for everyone allowed. */
@Path("/api/documents")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADVISOR, Roles.SUPERVISOR, Roles.ADMIN})
public class DocumentResource {

    /** HTML documents (already sanitised) may not run anything, load anything or be navigated, even opened directly. */
    static final String HTML_POLICY = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:;"
            + " base-uri 'none'; form-action 'none'; frame-ancestors 'self'";
    static final String PDF_POLICY = "sandbox; default-src 'none'; base-uri 'none'; form-action 'none';"
            + " frame-ancestors 'none'";

    private final DocumentService documents;
    private final DocumentAccess access;
    private final StaffService staff;
    private final SecurityIdentity identity;
    private final TandemConfig config;

    public DocumentResource(DocumentService documents, DocumentAccess access, StaffService staff,
            SecurityIdentity identity, TandemConfig config) {
        this.documents = documents;
        this.access = access;
        this.staff = staff;
        this.identity = identity;
        this.config = config;
    }

    /** The latest version of each library document (or of one session's own documents) matching title or product line. */
    @GET
    public Uni<Page<DocumentView>> search(@QueryParam("query") String query, @QueryParam("sessionId") UUID sessionId,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        Paging paging = Paging.of(page, size, config.sessions().maxPageSize());
        return staff.current(identity).chain(me -> documents.search(me, query, sessionId, paging))
                .map(p -> new Page<>(p.items().stream().map(DocumentView::of).toList(), p.page(), p.size(),
                        p.total()));
    }

    /** Every version of a document, newest first. */
    @GET
    @Path("{id}/versions")
    public Uni<List<DocumentView>> versions(@PathParam("id") UUID id) {
        return staff.current(identity).chain(me -> documents.versions(me, id))
                .map(list -> list.stream().map(DocumentView::of).toList());
    }

    @GET
    @Path("versions/{versionId}")
    public Uni<DocumentView> version(@PathParam("versionId") UUID versionId) {
        return staff.current(identity).chain(me -> documents.version(me, versionId)).map(DocumentView::of);
    }

    /**
     * The content, with its type fixed by what it was checked to be, never sniffed by the browser; customers get only
     * versions shared in their live session.
     */
    @GET
    @Path("versions/{versionId}/content")
    @Produces({"application/pdf", "text/html", MediaType.APPLICATION_JSON})
    @RolesAllowed({Roles.ADVISOR, Roles.SUPERVISOR, Roles.ADMIN, Roles.CUSTOMER})
    public Uni<Response> content(@PathParam("versionId") UUID versionId) {
        CustomerCredential customer = identity.getAttribute(CustomerIdentityProvider.CREDENTIAL_ATTRIBUTE);
        Uni<DocumentVersion> allowed = customer != null && identity.hasRole(Roles.CUSTOMER)
                ? documents.find(versionId).chain(v -> access.customerRead(customer, v, versionId))
                : staff.current(identity).chain(me -> documents.version(me, versionId));
        return allowed.chain(v -> documents.content(v.id()).map(bytes -> response(v, bytes)));
    }

    private static Response response(DocumentVersion v, byte[] bytes) {
        Response.ResponseBuilder r = Response.ok(io.vertx.core.buffer.Buffer.buffer(bytes), v.kind().mediaType()
                + (v.kind() == DocumentKind.HTML ? "; charset=utf-8" : ""))
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, no-store")
                .header("Content-Disposition", "inline; filename=\"document-" + v.id()
                        + (v.kind() == DocumentKind.PDF ? ".pdf" : ".html") + "\"");
        // A PDF is read by pdf.js in Tandem's pages; opened on its own it must not run script or load anything
        r.header("Content-Security-Policy", v.kind() == DocumentKind.HTML ? HTML_POLICY : PDF_POLICY);
        return r.build();
    }
}

package io.tandem.document.rest;

import io.tandem.api.BoundedUpload;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.tandem.api.Problem;
import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import io.tandem.config.DocumentConfig;
import io.tandem.document.DocumentMetadata;
import io.tandem.document.service.DocumentService;
import io.tandem.staff.Roles;
import io.tandem.staff.StaffService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Document uploads: the raw document as the body (any declared content type; the content decides), metadata in the
 * query. A route of its own rather than a REST method because uploads are larger than the JSON body limit of /api:
 * the body is counted while it streams and refused with 413 as soon as it passes tandem.documents.max-bytes.
 */
@ApplicationScoped
public class UploadRoute implements BoundedUpload {

    static final String DOCUMENTS = "/api/documents";
    private static final Logger LOG = Logger.getLogger(UploadRoute.class);

    private final DocumentService documents;
    private final StaffService staff;
    private final DocumentConfig config;
    private final ObjectMapper json;

    public UploadRoute(DocumentService documents, StaffService staff, DocumentConfig config, ObjectMapper json) {
        this.documents = documents;
        this.staff = staff;
        this.config = config;
        this.json = json;
    }

    /** Whether a request is an upload, which the JSON body limit must let through. */
    @Override
    public boolean matches(String method, String path) {
        return "POST".equals(method) && (path.equals(DOCUMENTS) || path.matches("/api/documents/[^/]+/versions"));
    }

    /**
     * After authentication (a filter, order -200) and before Quarkus' own body limit (order -2), which would refuse
     * anything over quarkus.http.limits.max-body-size.
     */
    void install(@Observes Router router) {
        int order = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1;
        router.post(DOCUMENTS).order(order).handler(this::upload);
        router.postWithRegex("/api/documents/([^/]+)/versions").order(order).handler(this::upload);
    }

    private void upload(RoutingContext ctx) {
        ctx.request().pause();
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > config.maxBytes()) {
            tooLarge(ctx);
            return;
        }
        QuarkusHttpUser.getSecurityIdentity(ctx, null)
                .onFailure(AuthenticationFailedException.class).recoverWithItem((SecurityIdentity) null)
                .subscribe().with(identity -> authorised(ctx, identity), e -> fail(ctx, e));
    }

    private void authorised(RoutingContext ctx, SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            problem(ctx, new ProblemException(ProblemType.UNAUTHENTICATED, "A staff bearer token is required"));
            return;
        }
        if (!identity.hasRole(Roles.ADVISOR) && !identity.hasRole(Roles.ADMIN)) {
            problem(ctx, new ProblemException(ProblemType.FORBIDDEN, "Only advisors and admins upload documents"));
            return;
        }
        Buffer body = Buffer.buffer();
        ctx.request().handler(chunk -> {
            if (ctx.response().ended()) {
                return;
            }
            body.appendBuffer(chunk);
            if (body.length() > config.maxBytes()) {
                tooLarge(ctx);
            }
        });
        ctx.request().exceptionHandler(e -> LOG.debugf("Upload aborted: %s", e.toString()));
        ctx.request().endHandler(v -> {
            if (!ctx.response().ended()) {
                store(ctx, identity, body.getBytes());
            }
        });
        ctx.request().resume();
    }

    private void store(RoutingContext ctx, SecurityIdentity identity, byte[] bytes) {
        Uni.createFrom().deferred(() -> {
            String documentId = ctx.pathParam("param0");
            DocumentMetadata meta = new DocumentMetadata(ctx.queryParams().get("title"),
                    ctx.queryParams().get("productLine"), ctx.queryParams().get("version"),
                    ctx.queryParams().get("language"), uuid("sessionId", ctx.queryParams().get("sessionId")));
            return staff.current(identity).chain(me -> documentId == null
                    ? documents.create(me, meta, bytes)
                    : documents.addVersion(me, uuid("documentId", documentId), meta, bytes));
        }).subscribe().with(v -> {
            try {
                ctx.response().setStatusCode(201).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.LOCATION, "/api/documents/versions/" + v.id())
                        .end(json.writeValueAsString(DocumentView.of(v)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                fail(ctx, e);
            }
        }, e -> fail(ctx, e));
    }

    private static UUID uuid(String field, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, field + ": must be a UUID");
        }
    }

    private void tooLarge(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        problem(ctx, new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                "Documents may be at most " + config.maxBytes() + " bytes"));
    }

    private void fail(RoutingContext ctx, Throwable e) {
        if (e instanceof ProblemException p) {
            problem(ctx, p);
        } else if (e instanceof io.quarkus.security.UnauthorizedException) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            problem(ctx, new ProblemException(ProblemType.UNAUTHENTICATED, "A staff bearer token is required"));
        } else {
            String id = UUID.randomUUID().toString();
            LOG.errorf(e, "Upload failed, error id %s", id);
            problem(ctx, new ProblemException(ProblemType.INTERNAL, "Error id " + id));
        }
    }

    private void problem(RoutingContext ctx, ProblemException e) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        Problem problem = e.type().toProblem(e.getMessage(), ctx.request().path());
        try {
            ctx.response().setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(problem));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            ctx.response().setStatusCode(problem.status()).end();
        }
    }
}

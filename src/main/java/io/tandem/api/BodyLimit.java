package io.tandem.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.config.TandemConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.List;

/**
 * Refuses oversized JSON bodies on /api before they are read, with 413 problem+json. A declared Content-Length is
 * checked up front; a streamed body is cut off by quarkus.http.limits.max-body-size, whose failure is rendered the same
 * way here.
 */
@ApplicationScoped
public class BodyLimit {

    private final long maxBytes;
    private final ObjectMapper json;
    private final List<BoundedUpload> uploads;

    public BodyLimit(TandemConfig config, ObjectMapper json, Instance<BoundedUpload> uploads) {
        this.maxBytes = config.api().maxJsonBodyBytes();
        this.json = json;
        this.uploads = uploads.stream().toList();
    }

    void install(@Observes Router router) {
        router.route("/api/*").order(Integer.MIN_VALUE + 100).handler(this::checkDeclaredLength);
        router.route("/api/*").order(Integer.MIN_VALUE + 100).failureHandler(this::renderTooLarge);
    }

    private void checkDeclaredLength(RoutingContext ctx) {
        String method = ctx.request().method().name();
        String path = ctx.request().path();
        for (BoundedUpload upload : uploads) {
            if (upload.matches(method, path)) {
                ctx.next(); // document and logo uploads have their own bounds (tandem.documents.max-bytes, 256 KiB)
                return;
            }
        }
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > maxBytes) {
                    reject(ctx);
                    return;
                }
            } catch (NumberFormatException e) {
                ctx.response().setStatusCode(400).end();
                return;
            }
        }
        ctx.next();
    }

    private void renderTooLarge(RoutingContext ctx) {
        if (ctx.statusCode() == 413 && !ctx.response().headWritten()) {
            reject(ctx);
        } else {
            ctx.next();
        }
    }

    private void reject(RoutingContext ctx) {
        Problem problem = ProblemType.PAYLOAD_TOO_LARGE.toProblem(
                "The body is larger than " + maxBytes + " bytes", ctx.request().path());
        try {
            ctx.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(json.writeValueAsString(problem));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            ctx.response().setStatusCode(413).end();
        }
    }
}

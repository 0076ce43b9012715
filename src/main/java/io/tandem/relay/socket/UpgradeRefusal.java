package io.tandem.relay.socket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.api.Problem;
import io.tandem.api.ProblemType;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** A refused relay upgrade's answer: its status and a problem+json body, unless something has answered already. */
final class UpgradeRefusal {

    private UpgradeRefusal() {}

    static void answer(RoutingContext ctx, ObjectMapper json, ProblemType type, String detail) {
        answer(ctx, json, type, detail, 0);
    }

    /** As above, with a Retry-After of {@code retryAfterSeconds} when it is above 0. */
    static void answer(RoutingContext ctx, ObjectMapper json, ProblemType type, String detail, long retryAfterSeconds) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten() || response.ended()) {
            return; // a failed authentication has been answered by Quarkus already
        }
        if (retryAfterSeconds > 0) {
            response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        }
        Problem problem = type.toProblem(detail, ctx.request().path());
        try {
            response.setStatusCode(type.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(json
                    .writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            response.setStatusCode(type.status()).putHeader(HttpHeaders.CONTENT_LENGTH, "0").end();
        }
    }
}

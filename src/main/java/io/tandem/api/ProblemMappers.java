package io.tandem.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure of the REST layer into problem+json; no stack trace or exception text reaches the client. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        if (e.type().status() == 401 || e.type().status() == 403) {
            refused(uri, e.type().status(), e.getMessage());
        }
        Response.ResponseBuilder response = respond(e.type().toProblem(e.getMessage(), path(uri)));
        if (e.retryAfter() != null) {
            response.header("Retry-After", Math.max(1, e.retryAfter().toSeconds()));
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        // each message is a sentence for the person who filled in the form (the request records word them); the
        // field tells an API client (and the page) which input it belongs to
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), message(v)))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
        String detail = errors.stream().map(Problem.FieldError::message).distinct().collect(Collectors.joining(" "));
        ProblemType type = ProblemType.INVALID_REQUEST;
        return respond(new Problem(type.uri(), type.title(), type.status(), detail, path(uri), errors)).build();
    }

    /** Wrong types and enum values: more specific than JsonProcessingException, so it beats Quarkus' own mapper. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response json(JsonProcessingException e, UriInfo uri) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            String message = e instanceof UnrecognizedPropertyException
                    ? "The field \u201c" + field + "\u201d is not part of this request."
                    : "The field \u201c" + field + "\u201d has a value of the wrong type or one that is not allowed.";
            ProblemType type = ProblemType.INVALID_REQUEST;
            return respond(new Problem(type.uri(), type.title(), type.status(), message, path(uri),
                    List.of(new Problem.FieldError(field, message)))).build();
        }
        return respond(ProblemType.MALFORMED_REQUEST.toProblem("The body is not valid JSON", path(uri))).build();
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        refused(uri, 403, "the caller's role does not allow it");
        return respond(ProblemType.FORBIDDEN.toProblem("Your role does not allow this", path(uri))).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        ProblemType type = switch (status) {
            case 400 -> ProblemType.MALFORMED_REQUEST;
            case 401 -> ProblemType.UNAUTHENTICATED;
            case 403 -> ProblemType.FORBIDDEN;
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 406 -> ProblemType.NOT_ACCEPTABLE;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? ProblemType.INTERNAL : ProblemType.MALFORMED_REQUEST;
        };
        if (status >= 500) {
            return unexpected(e, uri);
        }
        return respond(type.toProblem(type.title(), path(uri))).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (e instanceof ProblemException p) {
            return problem(p, uri);
        }
        if (e instanceof java.io.IOException && "Request too large".equals(e.getMessage())) {
            // a streamed body that passed the Content-Length check and then exceeded quarkus.http.limits.max-body-size
            return respond(ProblemType.PAYLOAD_TOO_LARGE.toProblem("The body is too large", path(uri))).build();
        }
        String unreachable = DatabaseFailures.unreachable(e);
        if (unreachable != null) {
            // the database is away: the caller may try again soon; one line, no stack trace, no database message
            LOG.warnf("The database cannot be reached (%s) on %s: answered 503", unreachable, path(uri));
            return problem(new ProblemException(ProblemType.UNAVAILABLE,
                    "The service cannot reach its database just now. Please try again in a few seconds",
                    DatabaseFailures.RETRY_AFTER), uri);
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unhandled error %s on %s", errorId, path(uri));
        return respond(ProblemType.INTERNAL.toProblem("Something went wrong; error id " + errorId, path(uri))).build();
    }

    /** One short line per refused request (who may not do what is in the path and the reason; no token, no trace). */
    private static void refused(UriInfo uri, int status, String why) {
        LOG.infof("Refused %s: %d, %s", path(uri), status, why);
    }

    private static Response unauthenticated(UriInfo uri) {
        refused(uri, 401, "no valid credential");
        return respond(ProblemType.UNAUTHENTICATED.toProblem("A valid bearer token is required", path(uri)))
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    static Response.ResponseBuilder respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    private static String field(ConstraintViolation<?> v) {
        // "create.request.customerId" -> "customerId": drop the method and parameter names; the parameter itself
        // (a request without a body) is "body"
        String path = v.getPropertyPath().toString();
        String[] parts = path.split("\\.");
        return parts.length > 2
                ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length))
                : parts.length == 2 ? "body" : path;
    }

    private static String message(ConstraintViolation<?> v) {
        return "body".equals(field(v)) && v.getInvalidValue() == null ? "The request has no body." : v.getMessage();
    }
}

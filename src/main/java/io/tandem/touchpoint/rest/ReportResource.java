package io.tandem.touchpoint.rest;

import io.smallrye.mutiny.Uni;
import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import io.tandem.staff.Roles;
import io.tandem.touchpoint.NpsReport;
import io.tandem.touchpoint.service.TouchpointService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Reports for supervisors. */
@Path("/api/reports")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SUPERVISOR)
public class ReportResource {

    private static final Duration MAX_PERIOD = Duration.ofDays(366 * 3);

    private final TouchpointService touchpoints;
    private final Clock clock;

    public ReportResource(TouchpointService touchpoints, Clock clock) {
        this.touchpoints = touchpoints;
        this.clock = clock;
    }

    /**
     * NPS (−100…100) of the answers to sessions in [from, to), overall and per advisor. {@code from} and {@code to}
     * are dates (UTC, to exclusive of the day after) or instants; default: the 30 days up to now.
     */
    @GET
    @Path("nps")
    public Uni<NpsReport> nps(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant end = to == null ? clock.instant() : instant(to, "to", true);
        Instant start = from == null ? end.minus(Duration.ofDays(30)) : instant(from, "from", false);
        if (!start.isBefore(end) || Duration.between(start, end).compareTo(MAX_PERIOD) > 0) {
            throw new ProblemException(ProblemType.INVALID_REQUEST,
                    "from must be before to, and the period at most three years");
        }
        return touchpoints.nps(start, end);
    }

    private static Instant instant(String value, String name, boolean endOfDay) {
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ProblemException(ProblemType.INVALID_REQUEST,
                    name + " must be a date (2026-01-31) or an instant (2026-01-31T09:00:00Z)");
        }
    }
}

package io.tandem.touchpoint.rest;

import io.smallrye.mutiny.Uni;
import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import io.tandem.staff.Roles;
import io.tandem.touchpoint.NpsReport;
import io.tandem.touchpoint.report.Dashboard;
import io.tandem.touchpoint.report.DashboardQueries;
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
    private final DashboardQueries dashboard;
    private final Clock clock;

    public ReportResource(TouchpointService touchpoints, DashboardQueries dashboard, Clock clock) {
        this.touchpoints = touchpoints;
        this.dashboard = dashboard;
        this.clock = clock;
    }

    /**
     * The dashboard over [from, to) (same parameters and default as the NPS report): sessions per day with median
     * duration and NPS, outcome mix, NPS per advisor, and the follow-up list.
     */
    @GET
    @Path("dashboard")
    public Uni<Dashboard> dashboard(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant[] period = period(from, to);
        Instant start = period[0];
        Instant end = period[1];
        return dashboard.days(start, end).chain(days -> dashboard.outcomes(start, end)
                .chain(outcomes -> touchpoints.nps(start, end)
                        .chain(nps -> dashboard.followUps(start, end)
                                .map(follow -> new Dashboard(start, end, days, outcomes, nps, follow)))));
    }

    /**
     * NPS (−100…100) of the answers to sessions in [from, to), overall and per advisor. {@code from} and {@code to}
     * are dates (UTC, to exclusive of the day after) or instants; default: the 30 days up to now.
     */
    @GET
    @Path("nps")
    public Uni<NpsReport> nps(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant[] period = period(from, to);
        return touchpoints.nps(period[0], period[1]);
    }

    private Instant[] period(String from, String to) {
        Instant end = to == null ? clock.instant() : instant(to, "to", true);
        Instant start = from == null ? end.minus(Duration.ofDays(30)) : instant(from, "from", false);
        if (!start.isBefore(end) || Duration.between(start, end).compareTo(MAX_PERIOD) > 0) {
            throw new ProblemException(ProblemType.INVALID_REQUEST,
                    "Choose a \u201cfrom\u201d date before the \u201cto\u201d date, and a period of at most three years.");
        }
        return new Instant[]{start, end};
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

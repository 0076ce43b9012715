package io.tandem.touchpoint.rest;

import io.smallrye.mutiny.Uni;
import io.tandem.staff.Roles;
import io.tandem.touchpoint.NpsReport;
import io.tandem.touchpoint.report.Dashboard;
import io.tandem.touchpoint.report.DashboardQueries;
import io.tandem.touchpoint.report.ReportPeriod;
import io.tandem.touchpoint.service.TouchpointService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;

/** Reports for supervisors. */
@Path("/api/reports")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SUPERVISOR)
public class ReportResource {

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
        ReportPeriod p = ReportPeriod.of(from, to, clock);
        return new Instant[]{p.from(), p.to()};
    }
}

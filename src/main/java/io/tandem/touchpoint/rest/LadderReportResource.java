package io.tandem.touchpoint.rest;

import io.smallrye.mutiny.Uni;
import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import io.tandem.config.TandemConfig;
import io.tandem.staff.Roles;
import io.tandem.touchpoint.Rung;
import io.tandem.touchpoint.report.LadderQueries;
import io.tandem.touchpoint.report.LadderReport;
import io.tandem.touchpoint.report.ReportPeriod;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;

/** The loyalty ladder on the supervisors' dashboard, and the lists behind its bars. */
@Path("/api/reports/ladder")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SUPERVISOR)
public class LadderReportResource {

    private final LadderQueries ladder;
    private final TandemConfig config;
    private final Clock clock;

    public LadderReportResource(LadderQueries ladder, TandemConfig config, Clock clock) {
        this.ladder = ladder;
        this.config = config;
        this.clock = clock;
    }

    /** Customers per rung now, moves up and down into each rung, NPS per rung and the loop-closed share. */
    @GET
    public Uni<LadderReport> report(@QueryParam("from") String from, @QueryParam("to") String to) {
        ReportPeriod p = ReportPeriod.of(from, to, clock);
        return ladder.rungs(p.from(), p.to()).chain(rungs -> ladder
                .loop(p.from(), p.to(), config.followUps().loopClosedWithin())
                .map(loop -> new LadderReport(p.from(), p.to(), rungs, loop)));
    }

    /** The customers standing on a rung now. */
    @GET
    @Path("customers")
    public Uni<List<LadderReport.RungCustomer>> customers(@QueryParam("rung") String rung) {
        return ladder.customers(rung(rung, true));
    }

    /** The moves of the period into a rung (any without one), up or down (both without a direction). */
    @GET
    @Path("movements")
    public Uni<List<LadderReport.Movement>> movements(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("rung") String rung, @QueryParam("direction") String direction) {
        ReportPeriod p = ReportPeriod.of(from, to, clock);
        if (direction != null && !direction.equals("up") && !direction.equals("down")) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "direction must be up or down.");
        }
        return ladder.movements(p.from(), p.to(), rung(rung, false), direction);
    }

    private static Rung rung(String value, boolean required) {
        if (value == null && !required) {
            return null;
        }
        return Rung.ofWire(value == null ? "" : value).orElseThrow(() -> new ProblemException(
                ProblemType.INVALID_REQUEST, "rung must be one of " + Rung.wireNames() + "."));
    }
}

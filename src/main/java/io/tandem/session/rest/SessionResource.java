package io.tandem.session.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tandem.api.Page;
import io.tandem.api.Csv;
import io.tandem.api.Paging;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import io.tandem.config.TandemConfig;
import io.tandem.security.CustomerCredentials;
import io.tandem.session.repository.SessionFilter;
import io.tandem.session.repository.SessionSort;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import io.tandem.audit.AuditAction;
import io.tandem.audit.AuditLog;
import io.tandem.session.service.SessionService;
import io.tandem.staff.Roles;
import io.tandem.staff.StaffService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;

/** Co-browsing sessions for staff: advisors create and end their own, supervisors see all. */
@Path("/api/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADVISOR, Roles.SUPERVISOR})
public class SessionResource {

    private final SessionService sessions;
    private final StaffService staff;
    private final SecurityIdentity identity;
    private final TandemConfig config;
    private final CustomerCredentials credentials;
    private final AuditLog audit;

    public SessionResource(SessionService sessions, StaffService staff, SecurityIdentity identity,
            TandemConfig config, CustomerCredentials credentials, AuditLog audit) {
        this.credentials = credentials;
        this.audit = audit;
        this.sessions = sessions;
        this.staff = staff;
        this.identity = identity;
        this.config = config;
    }

    @POST
    @RolesAllowed(Roles.ADVISOR)
    public Uni<Response> create(@Valid @NotNull CreateSessionRequest request) {
        return staff.current(identity)
                .chain(me -> sessions.create(me, request.customerId(), request.customer(), request.purpose()))
                .map(inv -> Response.created(URI.create("/api/sessions/" + inv.session().id))
                        .entity(new CreatedSessionView(inv.session().id, inv.session().status,
                                config.publicUrl().replaceAll("/+$", "") + "/join#" + inv.token(), inv.code(),
                                inv.session().joinExpiresAt))
                        .build());
    }

    /** The session log as CSV (supervisors; the same filters and order as the list, at most 10 000 rows; audited). */
    @GET
    @Path("export.csv")
    @Produces("text/csv")
    @RolesAllowed(Roles.SUPERVISOR)
    public Uni<Response> export(@BeanParam SessionLogQuery query, @Context UriInfo uri) {
        SessionFilter filter = query.filter();
        SessionSort sort = query.sort();
        return staff.current(identity).chain(me -> sessions.list(me, filter, sort, new Paging(0, 10_000))
                .call(p -> audit.record(me, AuditAction.EXPORT, null, filter.customerId(),
                        p.items().size() + " rows; query: " + (uri.getRequestUri().getRawQuery() == null
                                ? ""
                                : uri.getRequestUri().getRawQuery()))))
                .map(p -> {
                    StringBuilder csv = new StringBuilder(Csv.row(List.of("id", "created",
                            "started", "ended", "status", "advisor", "customer", "purpose", "outcome",
                            "duration_seconds", "score", "recorded", "notes", "status_label", "outcome_label")));
                    for (var row : p.items()) {
                        var s = row.session();
                        Long duration = s.startedAt == null || s.endedAt == null
                                ? null
                                : Duration.between(s.startedAt, s.endedAt).toSeconds();
                        csv.append(Csv.row(Arrays.asList(s.id, s.createdAt, s.startedAt,
                                s.endedAt, s.status.name().toLowerCase(), row.advisorName(), row.customerName(),
                                s.purpose, s.outcome == null ? null : s.outcome.name().toLowerCase(), duration,
                                row.score(), row.recorded(), s.notes, s.status.label(),
                                s.outcome == null ? null : s.outcome.label())));
                    }
                    return Response.ok(csv.toString(), "text/csv; charset=utf-8")
                            .header("Content-Disposition", "attachment; filename=\"tandem-sessions.csv\"").build();
                });
    }

    /**
     * The session log: filters (status, advisor, customer, from, to, outcome, minDuration, maxDuration, minScore,
     * maxScore, recorded, notes) and sort (created, started, ended, duration, score, advisor, customer, outcome,
     * status; "-" for descending; default -created).
     */
    @GET
    public Uni<Page<SessionView>> list(@BeanParam SessionLogQuery query, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        Paging paging = Paging.of(page, size, config.sessions().maxPageSize());
        SessionFilter filter = query.filter();
        SessionSort sort = query.sort();
        return staff.current(identity).chain(me -> sessions.list(me, filter, sort, paging))
                .map(p -> new Page<>(p.items().stream().map(SessionView::of).toList(), p.page(), p.size(),
                        p.total()));
    }

    @GET
    @Path("{id}")
    public Uni<SessionView> get(@PathParam("id") UUID id) {
        return staff.current(identity).chain(me -> sessions.get(me, id)).map(SessionView::of);
    }

    @POST
    @Path("{id}/end")
    public Uni<SessionView> end(@PathParam("id") UUID id, @Valid @NotNull EndSessionRequest request) {
        return staff.current(identity).chain(me -> sessions.end(me, id, request.outcome(), request.notes()))
                .map(SessionView::of);
    }

    /** A credential for the advisor's own page on the stage (the firm's site in the console's stage frame). */
    @POST
    @Path("{id}/stage-credential")
    @RolesAllowed(Roles.ADVISOR)
    public Uni<StageCredentialView> stageCredential(@PathParam("id") UUID id) {
        return staff.current(identity).chain(me -> sessions.get(me, id).map(row -> {
            if (!row.session().advisorId.equals(me.id())) {
                throw new ProblemException(ProblemType.FORBIDDEN, "Only the session's advisor can share a page");
            }
            if (row.session().status.isFinished()) {
                throw new ProblemException(ProblemType.SESSION_STATE_CONFLICT, "The session is over");
            }
            String credential = credentials.mintStage(id, me.id());
            return new StageCredentialView(credential, credentials.verifyStage(credential).orElseThrow().expiresAt());
        }));
    }
}

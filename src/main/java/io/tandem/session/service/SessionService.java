package io.tandem.session.service;

import io.tandem.session.colleague.ColleagueStore;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tandem.api.Page;
import io.tandem.api.Paging;
import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import io.tandem.config.TandemConfig;
import io.tandem.security.Secrets;
import io.tandem.session.CobrowseSession;
import io.tandem.touchpoint.Outcome;
import io.tandem.session.SessionFinished;
import io.tandem.session.SessionStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.event.Event;
import io.tandem.session.repository.SessionFilter;
import io.tandem.session.repository.SessionSort;
import io.tandem.session.repository.SessionQueries;
import io.tandem.session.repository.SessionRepository;
import io.tandem.session.repository.SessionRow;
import io.tandem.staff.StaffMember;
import io.tandem.touchpoint.NewCustomer;
import io.tandem.touchpoint.service.CustomerService;
import io.tandem.touchpoint.service.TouchpointService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Staff-side session lifecycle: create with join secrets, read, list, end with an outcome. */
@ApplicationScoped
public class SessionService {

    /** Random codes tried before giving up. */
    private static final int CODE_ATTEMPTS = 20;

    private final SessionRepository sessions;
    private final SessionQueries queries;
    private final CustomerService customers;
    private final TouchpointService touchpoints;
    private final TandemConfig config;
    private final Clock clock;
    private final Event<SessionFinished> finished;
    private final ColleagueStore colleagues;

    public SessionService(SessionRepository sessions, SessionQueries queries, CustomerService customers,
            TouchpointService touchpoints, TandemConfig config, Clock clock, Event<SessionFinished> finished,
            ColleagueStore colleagues) {
        this.colleagues = colleagues;
        this.finished = finished;
        this.sessions = sessions;
        this.queries = queries;
        this.customers = customers;
        this.touchpoints = touchpoints;
        this.config = config;
        this.clock = clock;
    }

    /** Opens a session for an existing customer (by id) or a new one (inline), exactly one of the two. */
    @WithTransaction
    public Uni<Invitation> create(StaffMember advisor, UUID customerId, NewCustomer newCustomer, String purpose) {
        return newSession(advisor, customerId, newCustomer, purpose);
    }

    /**
     * Opens a session for a visitor who asked for help from a site page: it starts already redeemed (WAITING), the
     * visitor's page being the one that gives consent. Runs in the caller's transaction.
     */
    public Uni<CobrowseSession> openForHelp(StaffMember advisor, UUID customerId, NewCustomer newCustomer,
            String purpose) {
        return newSession(advisor, customerId, newCustomer, purpose).map(inv -> {
            CobrowseSession s = inv.session();
            s.status = SessionStatus.WAITING;
            s.joinRedeemedAt = clock.instant();
            s.consentExpiresAt = s.joinExpiresAt;
            return s;
        });
    }

    private Uni<Invitation> newSession(StaffMember advisor, UUID customerId, NewCustomer newCustomer,
            String purpose) {
        if ((customerId == null) == (newCustomer == null)) {
            throw new ProblemException(ProblemType.INVALID_REQUEST,
                    "Choose exactly one customer: an existing one (customerId) or a new one (customer).");
        }
        Uni<UUID> customer = customerId != null
                ? customers.get(customerId).map(c -> c.id)
                : customers.create(newCustomer).map(c -> c.id);
        return customer.chain(id -> Secrets.freeCode(sessions::codeOpen, CODE_ATTEMPTS).chain(code -> {
            Instant now = clock.instant();
            String token = Secrets.newToken();
            CobrowseSession s = new CobrowseSession();
            s.id = UUID.randomUUID();
            s.advisorId = advisor.id();
            s.customerId = id;
            s.purpose = purpose == null || purpose.isBlank() ? null : purpose.trim();
            s.status = SessionStatus.CREATED;
            s.createdAt = now;
            s.joinTokenHash = Secrets.sha256(token);
            s.joinCode = code;
            s.joinExpiresAt = now.plus(config.join().ttl());
            return sessions.persist(s).map(saved -> new Invitation(saved, token, code));
        }));
    }

    /** The session, for its owner, a colleague beside the owner, or a supervisor. */
    @WithSession
    public Uni<SessionRow> get(StaffMember me, UUID id) {
        return queries.find(id).chain(row -> {
            if (row == null) {
                throw ProblemException.notFound(ProblemType.UNKNOWN_SESSION, id);
            }
            if (me.isSupervisor() || row.session().advisorId.equals(me.id())) {
                return Uni.createFrom().item(row);
            }
            return colleagues.seat(id, me.id()).map(seat -> authorize(me, row, id, seat != null));
        });
    }

    /** Sessions newest first; an advisor sees those they own or took part in, a supervisor all. */
    @WithSession
    public Uni<Page<SessionRow>> list(StaffMember me, SessionFilter filter, Paging paging) {
        return list(me, filter, SessionSort.NEWEST_FIRST, paging);
    }

    /**
     * Sessions in the given order; an advisor sees those they own or took part in beside the owner (joined on an
     * invitation, or owned before handing over), a supervisor all.
     */
    @WithSession
    public Uni<Page<SessionRow>> list(StaffMember me, SessionFilter filter, SessionSort sort, Paging paging) {
        SessionFilter scoped = filter;
        if (!me.isSupervisor()) {
            if (filter.advisorId() != null && !filter.advisorId().equals(me.id())) {
                throw new ProblemException(ProblemType.FORBIDDEN, "Advisors can only list their own sessions");
            }
            scoped = filter.withParticipant(me.id());
        }
        SessionFilter f = scoped;
        return queries.search(f, sort, paging.page(), paging.size())
                .chain(items -> queries.count(f).map(total -> new Page<>(items, paging.page(), paging.size(), total)));
    }

    /**
     * Ends a session with its outcome and completes its touchpoint in the same transaction. The row lock serialises
     * this against a concurrent end or the expiry job; the loser sees a finished session and gets 409.
     */
    public Uni<SessionRow> end(StaffMember me, UUID id, Outcome outcome, String notes) {
        return Panache.withTransaction(() -> endInTransaction(me, id, outcome, notes))
                .invoke(row -> finished.fire(new SessionFinished(id, SessionStatus.ENDED)));
    }

    private Uni<SessionRow> endInTransaction(StaffMember me, UUID id, Outcome outcome, String notes) {
        return sessions.findForUpdate(id).chain(s -> {
            if (s == null) {
                throw ProblemException.notFound(ProblemType.UNKNOWN_SESSION, id);
            }
            authorize(me, s.advisorId);
            if (s.status.isFinished()) {
                throw new ProblemException(ProblemType.SESSION_STATE_CONFLICT,
                        "The session is already " + s.status.name().toLowerCase());
            }
            s.status = SessionStatus.ENDED;
            s.endedAt = clock.instant();
            s.outcome = outcome;
            s.notes = notes == null || notes.isBlank() ? null : notes.trim();
            s.consentTicketHash = null;
            return touchpoints.sessionFinished(s.facts());
        }).call(() -> sessions.flush()).chain(() -> queries.find(id));
    }

    private static SessionRow authorize(StaffMember me, SessionRow row, UUID id, boolean colleague) {
        if (!colleague) {
            authorize(me, row.session().advisorId);
        }
        return row;
    }

    private static void authorize(StaffMember me, UUID owner) {
        if (!me.isSupervisor() && !owner.equals(me.id())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "This session belongs to another advisor");
        }
    }
}

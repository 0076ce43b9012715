package io.tandem.session.help;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import io.tandem.config.TandemConfig;
import io.tandem.security.JoinGuard;
import io.tandem.security.Secrets;
import io.tandem.session.CobrowseSession;
import io.tandem.session.SessionStatus;
import io.tandem.session.repository.SessionQueries;
import io.tandem.session.repository.SessionRepository;
import io.tandem.session.repository.SessionRow;
import io.tandem.session.service.SessionService;
import io.tandem.staff.StaffMember;
import io.tandem.touchpoint.NewCustomer;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * The help-button flow: a visitor's page asks for help and shows a code; an advisor types the code, which opens a
 * session for that visitor; the page's next poll hands it the consent step. Creating requests counts against the
 * same per-client budget as wrong join codes.
 */
@ApplicationScoped
public class HelpService {

    private static final int CODE_ATTEMPTS = 20;

    private final HelpRequestRepository requests;
    private final SessionRepository sessions;
    private final SessionQueries queries;
    private final SessionService sessionService;
    private final JoinGuard guard;
    private final TandemConfig config;
    private final Clock clock;

    public HelpService(HelpRequestRepository requests, SessionRepository sessions, SessionQueries queries,
            SessionService sessionService, JoinGuard guard, TandemConfig config, Clock clock) {
        this.requests = requests;
        this.sessions = sessions;
        this.queries = queries;
        this.sessionService = sessionService;
        this.guard = guard;
        this.config = config;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<HelpTicket> create(String client) {
        // every request counts (never taken back): a page asking for many codes is guessing or abusive
        return guard.attempt(client, false)
                .chain(counted -> Secrets.freeCode(requests::codeWaiting, CODE_ATTEMPTS).chain(code -> {
                    Instant now = clock.instant();
                    String token = Secrets.newToken();
                    HelpRequest r = new HelpRequest();
                    r.id = UUID.randomUUID();
                    r.code = code;
                    r.pollTokenHash = Secrets.sha256(token);
                    r.status = HelpRequest.Status.WAITING;
                    r.createdAt = now;
                    r.expiresAt = now.plus(config.join().ttl());
                    return requests.persist(r).map(saved -> new HelpTicket(saved.id, code, token, saved.expiresAt));
                }));
    }

    /** An advisor types the visitor's code: a session opens for them, for an existing or a new customer. */
    @WithTransaction
    public Uni<SessionRow> claim(StaffMember advisor, String code, UUID customerId, NewCustomer customer,
            String purpose) {
        if (!Secrets.isCode(code)) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "Enter the visitor's 6-digit help code.");
        }
        return requests.findWaitingByCodeForUpdate(code).chain(r -> {
            if (r == null) {
                throw new ProblemException(ProblemType.UNKNOWN_JOIN, "No visitor is waiting with this code");
            }
            if (!r.expiresAt.isAfter(clock.instant())) {
                r.status = HelpRequest.Status.EXPIRED;
                return requests.flush().chain(() -> Uni.createFrom().failure(
                        new ProblemException(ProblemType.JOIN_EXPIRED, "This help code has expired")));
            }
            return sessionService.openForHelp(advisor, customerId, customer, purpose).chain(s -> {
                r.status = HelpRequest.Status.CLAIMED;
                r.sessionId = s.id;
                r.claimedAt = clock.instant();
                return sessions.flush().chain(() -> queries.find(s.id));
            });
        });
    }

    /** The visitor's page polls with its token: waiting, or (once) the consent step of the opened session. */
    @WithTransaction
    public Uni<HelpStatus> poll(UUID id, String pollToken) {
        return requests.findForUpdate(id).chain(r -> {
            if (r == null || pollToken == null || !MessageDigest.isEqual(r.pollTokenHash, Secrets.sha256(pollToken))) {
                throw new ProblemException(ProblemType.UNKNOWN_JOIN, "No such help request");
            }
            Instant now = clock.instant();
            if (r.status == HelpRequest.Status.WAITING) {
                if (r.expiresAt.isAfter(now)) {
                    return Uni.createFrom().item(HelpStatus.waiting());
                }
                r.status = HelpRequest.Status.EXPIRED;
            }
            if (r.status != HelpRequest.Status.CLAIMED) {
                return requests.flush().chain(() -> Uni.createFrom().failure(new ProblemException(
                        r.status == HelpRequest.Status.EXPIRED ? ProblemType.JOIN_EXPIRED : ProblemType.JOIN_USED,
                        "This help request is no longer open")));
            }
            return sessions.findForUpdate(r.sessionId).chain(s -> deliver(r, s, now));
        });
    }

    private Uni<HelpStatus> deliver(HelpRequest r, CobrowseSession s, Instant now) {
        r.status = HelpRequest.Status.DELIVERED;
        if (s.status != SessionStatus.WAITING) {
            return requests.flush().chain(() -> Uni.createFrom().failure(
                    new ProblemException(ProblemType.JOIN_EXPIRED, "The session is no longer waiting")));
        }
        String ticket = Secrets.newToken();
        s.consentTicketHash = Secrets.sha256(ticket);
        s.consentExpiresAt = now.plus(config.join().consentTtl());
        return sessions.flush().chain(() -> queries.find(s.id)).map(row -> new HelpStatus("ready", ticket, s.id,
                row.advisorName(), s.purpose, s.consentExpiresAt));
    }

}

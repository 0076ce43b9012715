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
import io.tandem.touchpoint.service.CustomerService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The help-button flow: a visitor's page asks for help and shows a code; an advisor types the code, which opens a
 * session for that visitor; the page's next poll hands it the consent step. Creating requests counts against the
 * same per-client budget as wrong join codes.
 */
@ApplicationScoped
public class HelpService {

    private static final int CODE_ATTEMPTS = 20;
    private static final Logger LOG = Logger.getLogger(HelpService.class);

    private final HelpRequestRepository requests;
    private final SessionRepository sessions;
    private final SessionQueries queries;
    private final SessionService sessionService;
    private final JoinGuard guard;
    private final TandemConfig config;
    private final Clock clock;

    private final CustomerService customers;
    private final CustomerIdentity identity;

    public HelpService(HelpRequestRepository requests, SessionRepository sessions, SessionQueries queries,
            SessionService sessionService, JoinGuard guard, TandemConfig config, Clock clock,
            CustomerService customers) {
        this.customers = customers;
        this.identity = new CustomerIdentity(config.help().identitySecret());
        this.requests = requests;
        this.sessions = sessions;
        this.queries = queries;
        this.sessionService = sessionService;
        this.guard = guard;
        this.config = config;
        this.clock = clock;
    }

    /**
     * A visitor asks for help; {@code customerCrmId} is the CRM id the site names for its signed-in customer (or
     * null). When Tandem knows that customer and they have an account manager, the request waits for the account
     * manager alone for {@code tandem.help.account-manager-first}. With an identity secret the id counts only beside
     * its hash ({@link CustomerIdentity}); an unproven one is ignored (one log line), and the request routes nowhere.
     */
    @WithTransaction
    public Uni<HelpTicket> create(String client, String customerCrmId, String customerHash) {
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
                    return route(r, customerCrmId, customerHash, now).chain(() -> requests.persist(r))
                            .map(saved -> new HelpTicket(saved.id, code, token, saved.expiresAt));
                }));
    }

    private Uni<Void> route(HelpRequest r, String customerCrmId, String customerHash, Instant now) {
        if (customerCrmId == null || customerCrmId.isBlank()) {
            return Uni.createFrom().voidItem();
        }
        if (!identity.proven(customerCrmId.strip(), customerHash)) {
            LOG.infof("A help request named a customer without the firm's proof (%s): it routes to no one",
                    customerHash == null || customerHash.isBlank() ? "no hash" : "a wrong hash");
            return Uni.createFrom().voidItem();
        }
        return customers.byCrmId(customerCrmId.strip()).invoke(c -> {
            if (c != null) {
                r.customerId = c.id;
                if (c.assignedAdvisorId != null) {
                    r.routedTo = c.assignedAdvisorId;
                    r.routedUntil = now.plus(config.help().accountManagerFirst());
                }
            }
        }).replaceWithVoid();
    }

    /** The help requests waiting for this advisor as their customers' account manager, oldest first. */
    @WithSession
    public Uni<List<WaitingHelp>> waitingFor(StaffMember advisor) {
        return requests.waitingFor(advisor.id(), clock.instant());
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
            Instant now = clock.instant();
            if (r.routedTo != null && !r.routedTo.equals(advisor.id()) && r.routedUntil.isAfter(now)) {
                long seconds = Math.max(1, java.time.Duration.between(now, r.routedUntil).toSeconds());
                throw new ProblemException(ProblemType.SESSION_STATE_CONFLICT, "This visitor is waiting for their"
                        + " account manager first; if they have not taken it, you can in " + seconds + " seconds.");
            }
            // the account manager taking their customer's request: that customer, unless the advisor chose one
            boolean known = customerId == null && customer == null && r.customerId != null;
            UUID chosen = known ? r.customerId : customerId;
            return sessionService.openForHelp(advisor, chosen, customer, purpose).chain(s -> {
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

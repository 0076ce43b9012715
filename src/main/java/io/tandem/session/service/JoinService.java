package io.tandem.session.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import io.tandem.config.TandemConfig;
import io.tandem.security.CustomerCredential;
import io.tandem.security.CustomerCredentials;
import io.tandem.security.JoinGuard;
import io.tandem.security.Secrets;
import io.tandem.session.CobrowseSession;
import io.tandem.session.SessionStatus;
import io.tandem.session.repository.SessionQueries;
import io.tandem.session.repository.SessionRepository;
import io.tandem.session.repository.SessionRow;
import io.tandem.touchpoint.service.TouchpointService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The customer's way in, in two steps: redeem a code or link (once, rate-limited per client), then consent, which
 * starts the session, opens its touchpoint and hands out a customer credential.
 */
@ApplicationScoped
public class JoinService {

    private final SessionRepository sessions;
    private final SessionQueries queries;
    private final TouchpointService touchpoints;
    private final CustomerCredentials credentials;
    private final JoinGuard guard;
    private final TandemConfig config;
    private final Clock clock;

    public JoinService(SessionRepository sessions, SessionQueries queries, TouchpointService touchpoints,
            CustomerCredentials credentials, JoinGuard guard, TandemConfig config, Clock clock) {
        this.sessions = sessions;
        this.queries = queries;
        this.touchpoints = touchpoints;
        this.credentials = credentials;
        this.guard = guard;
        this.config = config;
        this.clock = clock;
    }

    /** Redeems a join code or link token for the customer role; exactly one of the two. */
    @WithTransaction
    public Uni<Redemption> redeem(String client, String code, String token) {
        if ((code == null) == (token == null)) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "Give either the 6-digit code or the join link");
        }
        if (code != null && !Secrets.isCode(code)) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "The code has 6 digits");
        }
        // counted before the lookup, in one step with the check: concurrent guesses cannot outrun the limit
        return guard.attempt(client, code != null).chain(attempt -> {
            if (token != null && !Secrets.isToken(token)) {
                throw new ProblemException(ProblemType.UNKNOWN_JOIN, "This join link is not valid");
            }
            Uni<CobrowseSession> found = code != null
                    ? sessions.findLatestByCodeForUpdate(code)
                    : sessions.findByTokenHashForUpdate(Secrets.sha256(token));
            return found.chain(s -> {
                Instant now = clock.instant();
                ProblemException refusal = refusal(s, now);
                if (refusal != null) {
                    throw refusal;
                }
                String ticket = Secrets.newToken();
                s.status = SessionStatus.WAITING;
                s.joinRedeemedAt = now;
                s.consentTicketHash = Secrets.sha256(ticket);
                s.consentExpiresAt = now.plus(config.join().consentTtl());
                return sessions.flush().chain(() -> queries.find(s.id)).map(row -> new Redemption(row, ticket));
            }).call(attempt::succeeded);
        });
    }

    /**
     * Records the customer's answer. Yes starts the session and returns the credential; no leaves it waiting for the
     * advisor to end or for the expiry job, and returns empty.
     */
    @WithTransaction
    public Uni<Optional<Admission>> consent(String ticket, boolean accept) {
        if (!Secrets.isToken(ticket)) {
            throw new ProblemException(ProblemType.UNKNOWN_JOIN, "This consent ticket is not valid");
        }
        return sessions.findByConsentTicketForUpdate(Secrets.sha256(ticket)).chain(s -> {
            Instant now = clock.instant();
            if (s == null) {
                throw new ProblemException(ProblemType.UNKNOWN_JOIN, "This consent ticket is not valid or was used");
            }
            if (s.status != SessionStatus.WAITING || !s.consentExpiresAt.isAfter(now)) {
                throw new ProblemException(ProblemType.JOIN_EXPIRED, "The time to give consent has passed");
            }
            s.consentTicketHash = null;
            if (!accept) {
                s.consentDeclinedAt = now;
                return sessions.flush().replaceWith(Optional.<Admission>empty());
            }
            s.status = SessionStatus.ACTIVE;
            s.startedAt = now;
            String credential = credentials.mint(s.id, s.customerId);
            return touchpoints.sessionStarted(s.facts())
                    .call(sessions::flush)
                    .chain(() -> queries.find(s.id))
                    .map(row -> Optional.of(new Admission(row, credential, credentials.expiryOf(credential))));
        });
    }

    /** The session a customer credential belongs to, as the customer may see it. */
    @WithSession
    public Uni<SessionRow> sessionOf(CustomerCredential credential) {
        return queries.find(credential.sessionId()).map(row -> {
            if (row == null || !row.session().customerId.equals(credential.customerId())) {
                throw ProblemException.notFound(ProblemType.UNKNOWN_SESSION, credential.sessionId());
            }
            return row;
        });
    }

    private static ProblemException refusal(CobrowseSession s, Instant now) {
        if (s == null) {
            return new ProblemException(ProblemType.UNKNOWN_JOIN, "No session has this code or link");
        }
        if (s.status == SessionStatus.EXPIRED
                || s.status == SessionStatus.CREATED && !s.joinExpiresAt.isAfter(now)) {
            return new ProblemException(ProblemType.JOIN_EXPIRED, "This code or link has expired");
        }
        if (s.status != SessionStatus.CREATED) {
            return new ProblemException(ProblemType.JOIN_USED, "This code or link was already used");
        }
        return null;
    }
}

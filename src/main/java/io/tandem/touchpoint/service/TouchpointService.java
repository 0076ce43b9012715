package io.tandem.touchpoint.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.tandem.touchpoint.SessionActivity;
import java.util.List;
import io.smallrye.mutiny.Uni;
import io.tandem.api.Page;
import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import io.tandem.touchpoint.NpsReport;
import io.tandem.touchpoint.Touchpoint;
import java.time.Duration;
import java.time.Instant;
import io.tandem.api.Paging;
import io.tandem.touchpoint.SessionFacts;
import io.tandem.touchpoint.repository.TouchpointRepository;
import io.tandem.touchpoint.repository.TouchpointRepository.TimelineEntry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;

/**
 * The touchpoint rules: opened when a session starts, completed exactly once when it ends or expires. Runs inside the
 * caller's transaction, so a session's state change and its touchpoint commit together or not at all.
 */
@ApplicationScoped
public class TouchpointService {

    private final TouchpointRepository touchpoints;
    private final CustomerService customers;
    private final Clock clock;
    private final Relationship relationship;

    public TouchpointService(TouchpointRepository touchpoints, CustomerService customers, Clock clock,
            Relationship relationship) {
        this.touchpoints = touchpoints;
        this.customers = customers;
        this.clock = clock;
        this.relationship = relationship;
    }

    public Uni<Void> sessionStarted(SessionFacts session) {
        return touchpoints.open(session, clock.instant()).replaceWithVoid();
    }

    /** Completes the touchpoint of a session that has just ended; creates it first if the session never started. */
    public Uni<Void> sessionFinished(SessionFacts session) {
        return touchpoints.complete(session, clock.instant())
                .chain(completed -> afterCompletion(session, completed));
    }

    /** The loyalty ladder and follow-ups hear of a touchpoint this call completed (not of one completed before). */
    private Uni<Void> afterCompletion(SessionFacts session, int completed) {
        return completed == 1 ? relationship.touchpointCompleted(session) : Uni.createFrom().voidItem();
    }

    /**
     * Adds counters collected by the relay to the sessions' touchpoints, all in one transaction, once per batch: a batch
     * id stored before (the same batch written again after a failure whose commit went through) adds nothing.
     */
    @WithTransaction
    public Uni<Void> recordActivity(UUID batchId, List<SessionActivity> activity) {
        return touchpoints.claimBatch(batchId).chain(fresh -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            if (fresh) {
                for (SessionActivity a : activity) {
                    chain = chain.chain(() -> touchpoints.addActivity(a))
                            .call(() -> touchpoints.addAdvisorSeconds(a.sessionId(), a.advisorSeconds()));
                }
            }
            return chain.replaceWithVoid();
        });
    }

    /**
     * The customer's answer to "how likely are you to recommend us?": one per session, accepted once the session is
     * over and changeable until the window after its end has passed.
     */
    @WithTransaction
    public Uni<Touchpoint> recordFeedback(UUID sessionId, int score, String comment,
            Duration window) {
        Instant now = clock.instant();
        Short[] previous = new Short[1];
        return touchpoints.bySession(sessionId).map(t -> {
            if (t == null || t.completedAt == null) {
                throw new ProblemException(ProblemType.SESSION_STATE_CONFLICT,
                        "The session is still going on: feedback opens when it ends");
            }
            if (now.isAfter(t.completedAt.plus(window))) {
                throw new ProblemException(ProblemType.SESSION_STATE_CONFLICT,
                        "Feedback for this session closed " + window.toMinutes() + " minutes after it ended");
            }
            previous[0] = t.feedbackScore;
            t.feedbackScore = (short) score;
            t.feedbackComment = comment == null || comment.isBlank() ? null : comment.strip();
            t.feedbackAt = now;
            return t;
        }).call(t -> afterRating(t, previous[0]));
    }

    /** The loyalty ladder and follow-ups hear of the rating, in this transaction. */
    private Uni<Void> afterRating(Touchpoint t, Short previous) {
        return relationship.rated(t, previous);
    }

    /** Net Promoter Score of the answers given in [from, to), overall and per advisor. */
    @WithSession
    public Uni<NpsReport> nps(Instant from, Instant to) {
        return touchpoints.scores(from, to).chain(rows -> touchpoints.participantScores(from, to)
                .map(participants -> NpsReport.of(from, to, rows, participants)));
    }

    /** Adds the seconds of a finished video call to the session's touchpoint. */
    @WithTransaction
    public Uni<Void> recordVideo(UUID sessionId, long seconds) {
        return touchpoints.addVideoSeconds(sessionId, seconds).replaceWithVoid();
    }

    /** An advisor's time in a session. */
    public record AdvisorTime(UUID id, String name, long seconds) {}

    /** Every advisor's time in each of these sessions (owner, colleagues, stepped-in supervisors), most first. */
    @WithSession
    public Uni<java.util.Map<UUID, List<AdvisorTime>>> advisorsIn(List<UUID> sessionIds) {
        return touchpoints.advisorSeconds(sessionIds).map(rows -> {
            java.util.Map<UUID, List<AdvisorTime>> bySession = new java.util.LinkedHashMap<>();
            for (Object[] r : rows) {
                bySession.computeIfAbsent((UUID) r[0], k -> new java.util.ArrayList<>())
                        .add(new AdvisorTime((UUID) r[1], (String) r[2], ((Number) r[3]).longValue()));
            }
            return bySession;
        });
    }

    /** A customer's relationship timeline, newest first; 404 for an unknown customer. */
    @WithSession
    public Uni<Page<TimelineEntry>> timeline(UUID customerId, Paging paging) {
        return customers.get(customerId)
                .chain(c -> touchpoints.timeline(customerId, paging.page(), paging.size()))
                .chain(items -> touchpoints.countFor(customerId)
                        .map(total -> new Page<>(items, paging.page(), paging.size(), total)));
    }
}

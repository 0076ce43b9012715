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
import io.tandem.touchpoint.TouchpointEvents;
import java.time.Duration;
import java.time.Instant;
import io.tandem.api.Paging;
import io.tandem.touchpoint.SessionFacts;
import io.tandem.touchpoint.repository.TouchpointRepository;
import io.tandem.touchpoint.repository.TouchpointRepository.TimelineEntry;
import io.tandem.webhook.EventType;
import io.tandem.webhook.Outbox;
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
    private final Outbox outbox;
    private final Relationship relationship;

    public TouchpointService(TouchpointRepository touchpoints, CustomerService customers, Clock clock,
            Outbox outbox, Relationship relationship) {
        this.touchpoints = touchpoints;
        this.customers = customers;
        this.clock = clock;
        this.outbox = outbox;
        this.relationship = relationship;
    }

    public Uni<Void> sessionStarted(SessionFacts session) {
        return touchpoints.open(session, clock.instant()).replaceWithVoid();
    }

    /**
     * Completes the touchpoint of a session that has just ended; creates it first if the session never started. The
     * completion that takes effect appends {@code touchpoint.completed} to the webhook outbox in the same transaction.
     */
    public Uni<Void> sessionFinished(SessionFacts session) {
        return touchpoints.complete(session, clock.instant()).chain(completed -> completed == 0
                ? Uni.createFrom().voidItem()
                : touchpoints.eventFacts(session.id())
                        .chain(facts -> outbox.append(EventType.TOUCHPOINT_COMPLETED, facts.completed()))
                        .chain(() -> relationship.touchpointCompleted(session)));
    }

    /**
     * Appends {@code touchpoint.completed} for the touchpoints of these sessions, which the session expiry has just
     * completed in the caller's transaction (one statement for the whole batch, in the session repository). The
     * loyalty ladder does not judge them (issue 17's notes).
     */
    public Uni<Void> completedByExpiry(List<UUID> sessionIds) {
        if (sessionIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return touchpoints.eventFacts(sessionIds).chain(all -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (TouchpointEvents.Facts facts : all) {
                chain = chain.chain(() -> outbox.append(EventType.TOUCHPOINT_COMPLETED, facts.completed()));
            }
            return chain;
        });
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
        return touchpoints.bySession(sessionId).chain(t -> {
            if (t == null || t.completedAt == null) {
                throw new ProblemException(ProblemType.SESSION_STATE_CONFLICT,
                        "The session is still going on: feedback opens when it ends");
            }
            if (now.isAfter(t.completedAt.plus(window))) {
                throw new ProblemException(ProblemType.SESSION_STATE_CONFLICT,
                        "Feedback for this session closed " + window.toMinutes() + " minutes after it ended");
            }
            Short previous = t.feedbackScore;
            boolean revised = previous != null;
            t.feedbackScore = (short) score;
            t.feedbackComment = comment == null || comment.isBlank() ? null : comment.strip();
            t.feedbackAt = now;
            // the rating's event first, then what the loyalty ladder and follow-ups make of it, in this transaction
            return touchpoints.markChanged(t.id)
                    .chain(() -> touchpoints.eventFacts(sessionId))
                    .chain(facts -> outbox.append(EventType.FEEDBACK_RECEIVED,
                            facts.feedback(score, t.feedbackComment, revised, now)))
                    .chain(() -> relationship.rated(t, previous))
                    .replaceWith(t);
        });
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

package io.tandem.touchpoint.rest;

import io.tandem.touchpoint.service.TouchpointService.AdvisorTime;
import io.tandem.touchpoint.ViewedDocument;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.tandem.touchpoint.Outcome;
import io.tandem.touchpoint.Touchpoint;
import io.tandem.touchpoint.repository.TouchpointRepository.TimelineEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One entry of a customer's relationship timeline; recorded: its session has a recording to replay. */
public record TouchpointView(UUID id, UUID sessionId, String channel, UUID advisorId, String advisorName,
        String purpose, Instant occurredAt, Instant startedAt, Instant endedAt, Integer durationSeconds,
        Outcome outcome, Counters counters, @JsonInclude(JsonInclude.Include.NON_NULL) Feedback feedback,
        boolean completed, List<ViewedDocument> documents, boolean recorded, List<AdvisorTime> advisors) {

    /** Activity counted from the session's event stream. */
    public record Counters(int pagesVisited, int activeSeconds, int annotations, int controlRequests,
            int controlGrants, int controlActions, int videoSeconds) {}

    /** The customer's answer to "how likely are you to recommend us?". */
    public record Feedback(int score, String comment, Instant at) {}

    /** The entry with the policy documents viewed in its session (versions, seconds, pages). */
    public static TouchpointView of(TimelineEntry e, Map<UUID, List<ViewedDocument>> documents,
            Map<UUID, List<AdvisorTime>> advisors) {
        Touchpoint t = e.touchpoint();
        Feedback feedback = t.feedbackScore == null
                ? null
                : new Feedback(t.feedbackScore, t.feedbackComment, t.feedbackAt);
        return new TouchpointView(t.id, t.sessionId, t.channel.toLowerCase(), t.advisorId, e.advisorName(),
                e.purpose(), t.occurredAt, t.startedAt, t.endedAt, t.durationSeconds, t.outcome,
                new Counters(t.pagesVisited, t.activeSeconds, t.annotations, t.controlRequests, t.controlGrants,
                        t.controlActions, t.videoSeconds),
                feedback,
                t.completedAt != null, documents.getOrDefault(t.sessionId, List.of()), e.recorded(),
                advisors.getOrDefault(t.sessionId, List.of()));
    }
}

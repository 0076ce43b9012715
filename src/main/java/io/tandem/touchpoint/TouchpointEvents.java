package io.tandem.touchpoint;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * The data of the touchpoint webhooks (docs/integration.md, "Events"): stable ids first (touchpoint, session,
 * customer and the customer's CRM id, advisor), then what happened. Field names are part of the published contract.
 */
public final class TouchpointEvents {

    private TouchpointEvents() {}

    /** {@code touchpoint.completed}: a session ended or expired and its touchpoint is complete. */
    public record Completed(UUID touchpointId, UUID sessionId, UUID customerId, String customerCrmId, UUID advisorId,
            String advisorName, String channel, Outcome outcome, Instant occurredAt, Instant startedAt,
            Instant endedAt, Integer durationSeconds, Instant completedAt) {}

    /** {@code feedback.received}: the customer answered (or, revised true, changed their answer). */
    public record Feedback(UUID touchpointId, UUID sessionId, UUID customerId, String customerCrmId, UUID advisorId,
            int score, String category, String comment, boolean revised, Instant answeredAt, Instant completedAt) {}

    /** The facts both events share, as {@code TouchpointRepository.eventFacts} reads them. */
    public record Facts(UUID touchpointId, UUID sessionId, UUID customerId, String customerCrmId, UUID advisorId,
            String advisorName, String channel, Outcome outcome, Instant occurredAt, Instant startedAt,
            Instant endedAt, Integer durationSeconds, Instant completedAt) {

        public Completed completed() {
            return new Completed(touchpointId, sessionId, customerId, customerCrmId, advisorId, advisorName, channel,
                    outcome, occurredAt, startedAt, endedAt, durationSeconds, completedAt);
        }

        public Feedback feedback(int score, String comment, boolean revised, Instant answeredAt) {
            return new Feedback(touchpointId, sessionId, customerId, customerCrmId, advisorId, score,
                    Nps.Category.of(score).name().toLowerCase(Locale.ROOT), comment, revised, answeredAt,
                    completedAt);
        }
    }
}

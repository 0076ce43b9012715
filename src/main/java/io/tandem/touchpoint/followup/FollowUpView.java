package io.tandem.touchpoint.followup;

import io.tandem.touchpoint.Outcome;
import io.tandem.touchpoint.Rung;
import java.time.Instant;
import java.util.UUID;

/**
 * A follow-up as staff read it: whose, why (with the score and comment or the session's outcome and notes), due
 * when, whether it is overdue (open past its due date), and how it was closed; recorded: its session has a recording to replay.
 */
public record FollowUpView(UUID id, String reason, UUID customerId, String customerName, Rung customerRung,
        UUID sessionId, Instant sessionAt, Outcome outcome, Integer score, String comment, UUID assigneeId,
        String assigneeName, Instant openedAt, Instant dueAt, boolean overdue, Instant closedAt, String closedByName,
        String note, boolean recorded) {}

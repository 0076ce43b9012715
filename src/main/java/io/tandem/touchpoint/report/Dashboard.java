package io.tandem.touchpoint.report;

import io.tandem.touchpoint.Outcome;
import io.tandem.touchpoint.Nps;
import io.tandem.touchpoint.NpsReport;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The supervisors' dashboard over a period: touchpoints per day (UTC) with their median duration and NPS, the outcome
 * mix, NPS per advisor, and the touchpoints that need a follow-up (outcome follow_up or escalated, or a detractor's
 * score), newest first.
 */
public record Dashboard(Instant from, Instant to, List<Day> days, List<OutcomeCount> outcomes, NpsReport nps,
        List<FollowUp> followUps) {

    /** One day: sessions that took place, median duration of those that started (seconds), and that day's NPS. */
    public record Day(LocalDate day, long sessions, Double medianDurationSeconds, Nps nps) {}

    /** How many sessions ended with an outcome (null: not ended yet, or ended without one). */
    public record OutcomeCount(Outcome outcome, long sessions) {}

    /** A touchpoint someone should act on, and why: "outcome" or "detractor" (or both). */
    public record FollowUp(UUID sessionId, UUID customerId, String customerName, String advisorName,
            Instant occurredAt, Outcome outcome, Integer score, String comment, List<String> reasons,
            boolean recorded) {}
}

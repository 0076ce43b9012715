package io.tandem.touchpoint.report;

import io.tandem.touchpoint.Nps;
import io.tandem.touchpoint.Rung;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The loyalty ladder over a period: per rung, the customers standing on it now, how many moves up into it and down
 * into it the period saw, and the NPS of the period's ratings by customers now on it; and how many detractors' loops
 * were closed in time.
 */
public record LadderReport(Instant from, Instant to, List<RungRow> rungs, LoopClosed loop) {

    /** One rung: customers on it now, moves into it in the period (climbed from below, slipped from above), NPS. */
    public record RungRow(Rung rung, long customers, long climbed, long slipped, Nps nps) {}

    /**
     * Follow-ups opened by detractors' ratings in the period, and how many of them were closed within
     * {@code withinDays} of opening; share in percent (null without detractors).
     */
    public record LoopClosed(long detractors, long closedInTime, long withinDays, Integer share) {}

    /** A customer standing on a rung: the list behind a bar of customers. */
    public record RungCustomer(UUID id, String name, Rung rung, Instant rungSince, String accountManager,
            Integer lastScore) {}

    /** A move in the period: the list behind a bar of climbs or slips. */
    public record Movement(UUID customerId, String customerName, Rung from, Rung to, String direction, String kind,
            String rule, String changedByName, String reason, Instant at) {}
}

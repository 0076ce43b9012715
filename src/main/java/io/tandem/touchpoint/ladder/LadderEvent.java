package io.tandem.touchpoint.ladder;

import io.tandem.touchpoint.Outcome;
import io.tandem.touchpoint.Rung;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the ladder's rules are asked about: a touchpoint that completed or a rating that arrived, for a customer
 * standing on {@code current}, with the customer's history (this touchpoint and rating included).
 */
public record LadderEvent(LadderRule.Trigger on, Rung current, Outcome outcome, Integer score, Instant at,
        History history) {

    /** When each completed touchpoint of the customer completed, and when each rating of 9 or 10 was given. */
    public record History(List<Instant> completed, List<Instant> promoterRatings) {

        int sessionsWithin(Integer days, Instant now) {
            return within(completed, days, now);
        }

        int promoterRatingsWithin(Integer days, Instant now) {
            return within(promoterRatings, days, now);
        }

        private static int within(List<Instant> times, Integer days, Instant now) {
            if (days == null) {
                return times.size();
            }
            Instant since = now.minus(Duration.ofDays(days));
            return (int) times.stream().filter(t -> !t.isBefore(since)).count();
        }
    }
}

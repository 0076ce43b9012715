package io.tandem.touchpoint.ladder;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tandem.touchpoint.Outcome;
import io.tandem.touchpoint.Rung;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * One rule of the loyalty ladder (docs/protocol.md, "Loyalty ladder"): when a touchpoint completes or a rating
 * arrives ({@code on}), a customer on one of the rungs {@code from} (any if empty) who meets every condition given
 * moves to the rung {@code to}, or one rung up or down ({@code move}). Conditions: the touchpoint's outcome is one of
 * {@code outcomes}; the rating is between {@code minScore} and {@code maxScore}; the customer has at least
 * {@code minSessions} completed touchpoints, or {@code minPromoterRatings} ratings of 9 or 10 (this one included),
 * within the last {@code withinDays} days (ever, without it).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record LadderRule(String name, Trigger on, Set<Rung> from, Rung to, Move move, Set<Outcome> outcomes,
        Integer minScore, Integer maxScore, Integer minSessions, Integer minPromoterRatings, Integer withinDays) {

    public LadderRule {
        from = from == null || from.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(from));
        outcomes = outcomes == null || outcomes.isEmpty()
                ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(outcomes));
    }

    /** What a rule listens to. */
    public enum Trigger {
        @JsonProperty("touchpoint")
        TOUCHPOINT,
        @JsonProperty("feedback")
        FEEDBACK
    }

    /** One rung up or down. */
    public enum Move {
        @JsonProperty("up")
        UP(1),
        @JsonProperty("down")
        DOWN(-1);

        final int step;

        Move(int step) {
            this.step = step;
        }
    }

    /** Where this rule takes a customer standing on {@code current}. */
    Rung target(Rung current) {
        return to != null ? to : current.step(move.step);
    }

    /** Whether the rule applies to this event and this customer's history. */
    boolean matches(LadderEvent event) {
        if (on != event.on() || !from.isEmpty() && !from.contains(event.current())) {
            return false;
        }
        if (!outcomes.isEmpty() && (event.outcome() == null || !outcomes.contains(event.outcome()))) {
            return false;
        }
        if (minScore != null && (event.score() == null || event.score() < minScore)) {
            return false;
        }
        if (maxScore != null && (event.score() == null || event.score() > maxScore)) {
            return false;
        }
        if (minSessions != null && event.history().sessionsWithin(withinDays, event.at()) < minSessions) {
            return false;
        }
        return minPromoterRatings == null
                || event.history().promoterRatingsWithin(withinDays, event.at()) >= minPromoterRatings;
    }
}

package io.tandem.touchpoint.ladder;

import io.tandem.touchpoint.Outcome;
import io.tandem.touchpoint.Rung;
import io.tandem.touchpoint.ladder.LadderRule.Move;
import io.tandem.touchpoint.ladder.LadderRule.Trigger;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The loyalty ladder's rule set, applied in order: the first rule that matches an event and would move the customer
 * moves them, one change per event. An admin replaces the set over REST ({@link LadderRulesResource}); until then the
 * defaults below apply.
 */
public record LadderRules(List<LadderRule> rules) {

    /** Most rules in one set. */
    public static final int MAX_RULES = 50;

    /** The rules in effect until an admin stores others (documented in docs/protocol.md). */
    public static final LadderRules DEFAULTS = new LadderRules(List.of(
            new LadderRule("A quote sent or a policy explained makes a prospect a customer", Trigger.TOUCHPOINT,
                    Set.of(Rung.PROSPECT), Rung.CUSTOMER, null, Set.of(Outcome.QUOTE_SENT, Outcome.POLICY_EXPLAINED),
                    null, null, null, null, null),
            new LadderRule("Three sessions within a year make a customer a client", Trigger.TOUCHPOINT,
                    Set.of(Rung.CUSTOMER), Rung.CLIENT, null, null, null, null, 3, null, 365),
            new LadderRule("A promoter's rating makes a client a supporter", Trigger.FEEDBACK, Set.of(Rung.CLIENT),
                    Rung.SUPPORTER, null, null, 9, null, null, null, null),
            new LadderRule("Two promoter's ratings within a year make a supporter an advocate", Trigger.FEEDBACK,
                    Set.of(Rung.SUPPORTER), Rung.ADVOCATE, null, null, 9, null, null, 2, 365),
            new LadderRule("A detractor's rating slips the customer one rung", Trigger.FEEDBACK, null, null,
                    Move.DOWN, null, null, 6, null, null, null)));

    public LadderRules {
        rules = List.copyOf(rules);
    }

    /** The move this event brings about, if any: the first matching rule that changes the rung. */
    public Optional<Verdict> apply(LadderEvent event) {
        for (LadderRule rule : rules) {
            if (rule.matches(event)) {
                Rung target = rule.target(event.current());
                if (target != event.current()) {
                    return Optional.of(new Verdict(rule, target));
                }
            }
        }
        return Optional.empty();
    }

    /** A rule's verdict: where it takes the customer. */
    public record Verdict(LadderRule rule, Rung to) {}
}

package io.tandem.touchpoint.ladder;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import io.tandem.touchpoint.Outcome;
import io.tandem.touchpoint.Rung;
import io.tandem.touchpoint.ladder.LadderRule.Move;
import io.tandem.touchpoint.ladder.LadderRule.Trigger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a rule set from JSON and checks it, refusing it with one sentence that names the rule and the field at fault
 * (problem+json 422, {@link ProblemType#INVALID_LADDER_RULES}). Strict: an unknown field is a mistake, not ignored.
 */
public final class LadderRulesFormat {

    private static final Set<String> FIELDS = Set.of("name", "on", "from", "to", "move", "outcomes", "minScore",
            "maxScore", "minSessions", "minPromoterRatings", "withinDays");
    private static final String FIELD_LIST = "name, on, from, to, move, outcomes, minScore, maxScore, minSessions,"
            + " minPromoterRatings, withinDays";

    private LadderRulesFormat() {}

    public static LadderRules parse(JsonNode body) {
        if (body == null || !body.isObject() || !body.path("rules").isArray() || body.size() != 1) {
            throw refused("Send the rules as {\"rules\": [ … ]}, a list of rules and nothing else.");
        }
        JsonNode list = body.get("rules");
        if (list.isEmpty()) {
            throw refused("Give at least one rule: without rules nobody would ever move on the ladder.");
        }
        if (list.size() > LadderRules.MAX_RULES) {
            throw refused("Keep the rules to " + LadderRules.MAX_RULES + " or fewer.");
        }
        List<LadderRule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            LadderRule rule = rule(list.get(i), "Rule " + (i + 1));
            if (!names.add(rule.name().toLowerCase())) {
                throw refused("Rule " + (i + 1) + " has the same name as an earlier rule, \u201c" + rule.name()
                        + "\u201d: give each rule a name of its own, the timeline shows it.");
            }
            rules.add(rule);
        }
        return new LadderRules(rules);
    }

    private static LadderRule rule(JsonNode node, String at) {
        if (!node.isObject()) {
            throw refused(at + " is not a rule: each rule is an object such as {\"name\": …, \"on\": \"feedback\","
                    + " \"to\": \"supporter\"}.");
        }
        String name = node.path("name").isTextual() ? node.get("name").asText().strip() : null;
        if (name == null || name.isEmpty() || name.length() > 120) {
            throw refused(at + " needs a name of 1 to 120 characters that says what it does: the customer's timeline"
                    + " shows it beside each move.");
        }
        String rule = at + " (\u201c" + name + "\u201d)";
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw refused(rule + " has a field \u201c" + field + "\u201d that rules do not have; they have "
                        + FIELD_LIST + ".");
            }
        }
        Trigger on = one(node.path("on"), rule, "on", Trigger.class, "touchpoint or feedback");
        if (on == null) {
            throw refused(rule + " must say when it applies: \"on\": \"touchpoint\" or \"feedback\".");
        }
        Rung to = one(node.path("to"), rule, "to", Rung.class, Rung.wireNames());
        Move move = one(node.path("move"), rule, "move", Move.class, "up or down");
        if ((to == null) == (move == null)) {
            throw refused(rule + " must give exactly one of \"to\" (a rung) and \"move\" (\"up\" or \"down\").");
        }
        Set<Rung> from = many(node.path("from"), rule, "from", Rung.class, Rung.wireNames());
        Set<Outcome> outcomes = many(node.path("outcomes"), rule, "outcomes", Outcome.class,
                String.join(", ", Arrays.stream(Outcome.values()).map(LadderRulesFormat::wire).toList()));
        Integer minScore = number(node, rule, "minScore", 0, 10);
        Integer maxScore = number(node, rule, "maxScore", 0, 10);
        Integer minSessions = number(node, rule, "minSessions", 1, 1000);
        Integer minPromoters = number(node, rule, "minPromoterRatings", 1, 1000);
        Integer withinDays = number(node, rule, "withinDays", 1, 3650);
        if ((minScore != null || maxScore != null) && on != Trigger.FEEDBACK) {
            throw refused(rule + " asks for a score, which only a rating has: use \"on\": \"feedback\".");
        }
        if (minScore != null && maxScore != null && minScore > maxScore) {
            throw refused(rule + " asks for a score of at least " + minScore + " and at most " + maxScore
                    + ": no rating is both.");
        }
        if (withinDays != null && minSessions == null && minPromoters == null) {
            throw refused(rule + " gives \"withinDays\" without \"minSessions\" or \"minPromoterRatings\" to count"
                    + " within them.");
        }
        if (to != null && from.equals(EnumSet.of(to))) {
            throw refused(rule + " moves customers to " + to.wire() + " but applies only to "
                    + to.wire() + "s: it could never move anyone.");
        }
        return new LadderRule(name, on, from, to, move, outcomes, minScore, maxScore, minSessions, minPromoters,
                withinDays);
    }

    private static <E extends Enum<E>> E one(JsonNode value, String rule, String field, Class<E> type,
            String allowed) {
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        E e = value.isTextual() ? byWire(type).apply(value.asText()) : null;
        if (e == null) {
            throw refused(rule + ": \"" + field + "\" must be one of " + allowed + ".");
        }
        return e;
    }

    private static <E extends Enum<E>> Set<E> many(JsonNode value, String rule, String field, Class<E> type,
            String allowed) {
        if (value.isMissingNode() || value.isNull()) {
            return Set.of();
        }
        if (!value.isArray() || value.isEmpty()) {
            throw refused(rule + ": \"" + field + "\" must be a list of one or more of " + allowed
                    + " (leave it out for any).");
        }
        Set<E> set = EnumSet.noneOf(type);
        for (JsonNode v : value) {
            E e = one(v, rule, field, type, allowed);
            if (e == null) {
                throw refused(rule + ": \"" + field + "\" must list only " + allowed + ".");
            }
            set.add(e);
        }
        return set;
    }

    private static Integer number(JsonNode node, String rule, String field, int min, int max) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < min || value.asInt() > max) {
            throw refused(rule + ": \"" + field + "\" must be a whole number from " + min + " to " + max + ".");
        }
        return value.asInt();
    }

    private static <E extends Enum<E>> Function<String, E> byWire(Class<E> type) {
        return text -> Arrays.stream(type.getEnumConstants()).filter(e -> wire(e).equals(text)).findFirst()
                .orElse(null);
    }

    /** An enum constant's name on the wire (its @JsonProperty). */
    static String wire(Enum<?> e) {
        try {
            var property = e.getDeclaringClass().getField(e.name())
                    .getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
            return property != null ? property.value() : e.name().toLowerCase();
        } catch (NoSuchFieldException x) {
            throw new IllegalStateException(x);
        }
    }

    private static ProblemException refused(String detail) {
        return new ProblemException(ProblemType.INVALID_LADDER_RULES, detail);
    }
}

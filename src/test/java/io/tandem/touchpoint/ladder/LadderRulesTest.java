package io.tandem.touchpoint.ladder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import io.tandem.touchpoint.Outcome;
import io.tandem.touchpoint.Rung;
import io.tandem.touchpoint.ladder.LadderRule.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The ladder's default rules move customers as documented; invalid rule sets are refused with a sentence. */
class LadderRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<Instant> daysAgo(int... days) {
        List<Instant> list = new ArrayList<>();
        for (int d : days) {
            list.add(NOW.minus(Duration.ofDays(d)));
        }
        return list;
    }

    private static Optional<Rung> judge(Trigger on, Rung current, Outcome outcome, Integer score,
            List<Instant> completed, List<Instant> promoters) {
        return LadderRules.DEFAULTS.apply(new LadderEvent(on, current, outcome, score, NOW,
                new LadderEvent.History(completed, promoters))).map(LadderRules.Verdict::to);
    }

    @Test
    void theDefaultRulesClimbOnQuotesSessionsAndPromotersAndSlipOnADetractor() {
        assertEquals(Optional.of(Rung.CUSTOMER), judge(Trigger.TOUCHPOINT, Rung.PROSPECT, Outcome.QUOTE_SENT, null,
                daysAgo(0), List.of()));
        assertEquals(Optional.empty(), judge(Trigger.TOUCHPOINT, Rung.PROSPECT, Outcome.NO_SHOW, null, daysAgo(0),
                List.of()));
        assertEquals(Optional.of(Rung.CLIENT), judge(Trigger.TOUCHPOINT, Rung.CUSTOMER, Outcome.RESOLVED, null,
                daysAgo(0, 30, 200), List.of()));
        // recency: a session of two years ago no longer counts
        assertEquals(Optional.empty(), judge(Trigger.TOUCHPOINT, Rung.CUSTOMER, Outcome.RESOLVED, null,
                daysAgo(0, 30, 730), List.of()));
        assertEquals(Optional.of(Rung.SUPPORTER), judge(Trigger.FEEDBACK, Rung.CLIENT, null, 9, daysAgo(0),
                daysAgo(0)));
        assertEquals(Optional.empty(), judge(Trigger.FEEDBACK, Rung.SUPPORTER, null, 10, daysAgo(0), daysAgo(0)));
        assertEquals(Optional.of(Rung.ADVOCATE), judge(Trigger.FEEDBACK, Rung.SUPPORTER, null, 10, daysAgo(0, 40),
                daysAgo(0, 40)));
        assertEquals(Optional.of(Rung.CLIENT), judge(Trigger.FEEDBACK, Rung.SUPPORTER, null, 4, daysAgo(0),
                List.of()));
        assertEquals(Optional.empty(), judge(Trigger.FEEDBACK, Rung.PROSPECT, null, 2, daysAgo(0), List.of()),
                "nobody slips below the lowest rung");
        assertEquals(Optional.empty(), judge(Trigger.FEEDBACK, Rung.CLIENT, null, 8, daysAgo(0), List.of()),
                "a passive moves nobody");
    }

    @Test
    void theDefaultsSurviveTheirOwnFormat() throws Exception {
        String written = JSON.writeValueAsString(LadderRules.DEFAULTS);
        assertEquals(LadderRules.DEFAULTS, LadderRulesFormat.parse(JSON.readTree(written)));
        assertTrue(written.contains("\"on\":\"feedback\""), written);
        assertTrue(written.contains("\"move\":\"down\""), written);
    }

    private static String refusal(String json) {
        ProblemException e = assertThrows(ProblemException.class, () -> LadderRulesFormat.parse(JSON.readTree(json)));
        assertEquals(ProblemType.INVALID_LADDER_RULES, e.type());
        assertEquals(422, e.type().status());
        return e.getMessage();
    }

    @Test
    void anInvalidRuleSetIsRefusedWithASentenceNamingTheRuleAndTheField() {
        assertEquals("Send the rules as {\"rules\": [ … ]}, a list of rules and nothing else.", refusal("[]"));
        assertEquals("Give at least one rule: without rules nobody would ever move on the ladder.",
                refusal("{\"rules\": []}"));
        assertEquals("Rule 1 (\u201cUp\u201d): \"to\" must be one of prospect, customer, client, supporter, advocate.",
                refusal("{\"rules\": [{\"name\": \"Up\", \"on\": \"touchpoint\", \"to\": \"gold\"}]}"));
        assertEquals("Rule 1 (\u201cUp\u201d) must give exactly one of \"to\" (a rung) and \"move\" (\"up\" or"
                + " \"down\").", refusal("{\"rules\": [{\"name\": \"Up\", \"on\": \"touchpoint\"}]}"));
        assertTrue(refusal("{\"rules\": [{\"name\": \"Up\", \"on\": \"touchpoint\", \"move\": \"up\","
                + " \"minsessions\": 3}]}").startsWith("Rule 1 (\u201cUp\u201d) has a field \u201cminsessions\u201d"));
        assertEquals("Rule 1 (\u201cUp\u201d) asks for a score, which only a rating has: use \"on\": \"feedback\".",
                refusal("{\"rules\": [{\"name\": \"Up\", \"on\": \"touchpoint\", \"move\": \"up\", \"minScore\": 9}]}"));
        assertEquals("Rule 1 (\u201cUp\u201d): \"minScore\" must be a whole number from 0 to 10.",
                refusal("{\"rules\": [{\"name\": \"Up\", \"on\": \"feedback\", \"move\": \"up\", \"minScore\": 11}]}"));
        assertEquals("Rule 2 has the same name as an earlier rule, \u201cup\u201d: give each rule a name of its own,"
                + " the timeline shows it.",
                refusal("{\"rules\": [{\"name\": \"Up\", \"on\": \"feedback\", \"move\":"
                        + " \"up\"}, {\"name\": \"up\", \"on\": \"touchpoint\", \"move\": \"up\"}]}"));
        assertTrue(refusal("{\"rules\": [{\"name\": \"Stay\", \"on\": \"feedback\", \"from\": [\"client\"], \"to\":"
                + " \"client\"}]}").endsWith("it could never move anyone."));
        assertTrue(
                refusal("{\"rules\": [{\"on\": \"feedback\", \"move\": \"up\"}]}").startsWith("Rule 1 needs a name"));
    }
}

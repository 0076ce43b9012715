package io.tandem.touchpoint.ladder;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tandem.touchpoint.Rung;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A move on the ladder as the timeline shows it: up or down, by a rule (its name) or a member of staff (their name
 * and reason), and the session that set a rule off.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LadderChangeView(UUID id, UUID customerId, Rung from, Rung to, String direction, String kind,
        String rule, UUID changedById, String changedByName, String reason, UUID sessionId, Instant at) {

    public static LadderChangeView of(LadderChange c, String changedByName) {
        return new LadderChangeView(c.id, c.customerId, c.fromRung, c.toRung,
                c.toRung.ordinal() > c.fromRung.ordinal() ? "up" : "down", c.kind.name().toLowerCase(Locale.ROOT),
                c.ruleName, c.changedBy, changedByName, c.reason, c.sessionId, c.changedAt);
    }
}

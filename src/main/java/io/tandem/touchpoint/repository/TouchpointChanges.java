package io.tandem.touchpoint.repository;

import io.smallrye.mutiny.Uni;
import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import io.tandem.touchpoint.Outcome;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The pull feed of completed touchpoints (GET /api/touchpoints?after=): in the order of their last change (completion
 * or feedback), keyed by (writing transaction id, change number). Only changes of transactions older than every
 * transaction still running are handed out ({@code pg_snapshot_xmin}): a transaction that commits late has a larger id
 * than that fence, so it can never land behind a cursor already given to a client (docs/protocol.md).
 */
@ApplicationScoped
public class TouchpointChanges {

    /** One completed touchpoint as it stands now, and the cursor that follows it. */
    public record Change(UUID touchpointId, UUID sessionId, UUID customerId, String customerCrmId, UUID advisorId,
            String advisorName, String channel, Outcome outcome, Instant occurredAt, Instant startedAt,
            Instant endedAt, Integer durationSeconds, Instant completedAt, Integer feedbackScore,
            String feedbackComment, Instant feedbackAt, String cursor) {}

    private static final String FEED = """
            select t.id, t.session_id, t.customer_id, c.external_crm_id, t.advisor_id, a.display_name, t.channel,
                   t.outcome, t.occurred_at, t.started_at, t.ended_at, t.duration_seconds, t.completed_at,
                   t.feedback_score, t.feedback_comment, t.feedback_at, t.change_xid::text as xid, t.change_seq
            from touchpoint t join customer c on c.id = t.customer_id join advisor a on a.id = t.advisor_id
            where t.completed_at is not null
              and t.change_xid < pg_snapshot_xmin(pg_current_snapshot())
              and (t.change_xid, t.change_seq) > ($1::text::xid8, $2)
            order by t.change_xid, t.change_seq
            limit $3""";

    private static final String PREFIX = "t1.";

    private final Pool db;

    public TouchpointChanges(Pool db) {
        this.db = db;
    }

    /** The cursor before every change. */
    public static String start() {
        return cursor("0", 0);
    }

    /** Up to {@code limit} changes after the cursor (null or empty: from the start). */
    public Uni<List<Change>> after(String cursor, int limit) {
        String[] at = parse(cursor == null || cursor.isBlank() ? start() : cursor.strip());
        return db.preparedQuery(FEED).execute(Tuple.of(at[0], Long.parseLong(at[1]), limit)).map(rows -> {
            List<Change> list = new ArrayList<>();
            for (Row r : rows) {
                String outcome = r.getString("outcome");
                Short score = r.getShort("feedback_score");
                list.add(new Change(r.getUUID("id"), r.getUUID("session_id"), r.getUUID("customer_id"),
                        r.getString("external_crm_id"), r.getUUID("advisor_id"), r.getString("display_name"),
                        r.getString("channel"), outcome == null ? null : Outcome.valueOf(outcome),
                        instant(r, "occurred_at"), instant(r, "started_at"), instant(r, "ended_at"),
                        r.getInteger("duration_seconds"), instant(r, "completed_at"),
                        score == null ? null : score.intValue(), r.getString("feedback_comment"),
                        instant(r, "feedback_at"), cursor(r.getString("xid"), r.getLong("change_seq"))));
            }
            return list;
        });
    }

    private static String cursor(String xid, long seq) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + xid + "." + seq).getBytes(StandardCharsets.US_ASCII));
    }

    private static String[] parse(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            String[] parts = text.startsWith(PREFIX) ? text.substring(PREFIX.length()).split("\\.") : new String[0];
            if (parts.length == 2 && parts[0].matches("\\d{1,20}") && parts[1].matches("\\d{1,18}")) {
                return parts;
            }
        } catch (IllegalArgumentException e) {
            // not base64: refused below
        }
        throw new ProblemException(ProblemType.INVALID_REQUEST,
                "after: not a cursor this server handed out; start without one, or pass the last answer's next");
    }

    private static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }
}

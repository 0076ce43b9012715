package io.tandem.touchpoint.report;

import io.smallrye.mutiny.Uni;
import io.tandem.touchpoint.Outcome;
import io.tandem.touchpoint.Nps;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The dashboard's aggregates, computed by PostgreSQL over touchpoints in [from, to). */
@ApplicationScoped
public class DashboardQueries {

    /** Most follow-ups listed at once. */
    static final int MAX_FOLLOW_UPS = 100;

    private static final String DAYS = """
            select (occurred_at at time zone 'UTC')::date as day, count(*) as sessions,
                   percentile_cont(0.5) within group (order by duration_seconds)
                       filter (where started_at is not null and duration_seconds is not null) as median,
                   count(*) filter (where feedback_score >= 9) as promoters,
                   count(*) filter (where feedback_score between 7 and 8) as passives,
                   count(*) filter (where feedback_score <= 6) as detractors
            from touchpoint where occurred_at >= $1 and occurred_at < $2
            group by 1 order by 1""";

    private static final String OUTCOMES = """
            select outcome, count(*) as sessions from touchpoint
            where occurred_at >= $1 and occurred_at < $2 group by outcome order by 2 desc, 1""";

    private static final String FOLLOW_UPS = """
            select t.session_id, t.customer_id, c.name, a.display_name, t.occurred_at, t.outcome, t.feedback_score,
                   t.feedback_comment, exists (select 1 from recording_chunk r
                       where r.session_id = t.session_id and r.replayable) as recorded
            from touchpoint t join customer c on c.id = t.customer_id join advisor a on a.id = t.advisor_id
            where t.occurred_at >= $1 and t.occurred_at < $2
              and (t.outcome in ('FOLLOW_UP', 'ESCALATED') or t.feedback_score <= 6)
            order by t.occurred_at desc limit $3""";

    private final Pool db;

    public DashboardQueries(Pool db) {
        this.db = db;
    }

    public Uni<List<Dashboard.Day>> days(Instant from, Instant to) {
        return db.preparedQuery(DAYS).execute(period(from, to)).map(rows -> {
            List<Dashboard.Day> days = new ArrayList<>();
            for (Row r : rows) {
                days.add(new Dashboard.Day(r.getLocalDate("day"), r.getLong("sessions"), r.getDouble("median"),
                        Nps.ofCounts(r.getInteger("promoters"), r.getInteger("passives"),
                                r.getInteger("detractors"))));
            }
            return days;
        });
    }

    public Uni<List<Dashboard.OutcomeCount>> outcomes(Instant from, Instant to) {
        return db.preparedQuery(OUTCOMES).execute(period(from, to)).map(rows -> {
            List<Dashboard.OutcomeCount> list = new ArrayList<>();
            for (Row r : rows) {
                list.add(new Dashboard.OutcomeCount(outcome(r.getString("outcome")), r.getLong("sessions")));
            }
            return list;
        });
    }

    public Uni<List<Dashboard.FollowUp>> followUps(Instant from, Instant to) {
        return db.preparedQuery(FOLLOW_UPS).execute(period(from, to).addInteger(MAX_FOLLOW_UPS)).map(rows -> {
            List<Dashboard.FollowUp> list = new ArrayList<>();
            for (Row r : rows) {
                Outcome outcome = outcome(r.getString("outcome"));
                Integer score = r.getInteger("feedback_score");
                List<String> reasons = new ArrayList<>();
                if (outcome == Outcome.FOLLOW_UP || outcome == Outcome.ESCALATED) {
                    reasons.add("outcome");
                }
                if (score != null && score <= 6) {
                    reasons.add("detractor");
                }
                list.add(new Dashboard.FollowUp(r.getUUID("session_id"), r.getUUID("customer_id"),
                        r.getString("name"), r.getString("display_name"),
                        r.getOffsetDateTime("occurred_at").toInstant(), outcome, score,
                        r.getString("feedback_comment"), reasons, r.getBoolean("recorded")));
            }
            return list;
        });
    }

    private static Tuple period(Instant from, Instant to) {
        return Tuple.of(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
    }

    private static Outcome outcome(String value) {
        return value == null ? null : Outcome.valueOf(value);
    }
}

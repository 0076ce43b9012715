package io.tandem.touchpoint.report;

import io.smallrye.mutiny.Uni;
import io.tandem.touchpoint.Nps;
import io.tandem.touchpoint.Rung;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The ladder's aggregates and the lists behind them, computed by PostgreSQL. Erased customers are left out. */
@ApplicationScoped
public class LadderQueries {

    /** Most customers or moves one drill-down lists. */
    static final int MAX_LISTED = 200;

    private static final String RANK_TO = "array_position(array['PROSPECT','CUSTOMER','CLIENT','SUPPORTER',"
            + "'ADVOCATE']::text[], l.to_rung::text)";
    private static final String RANK_FROM = RANK_TO.replace("l.to_rung", "l.from_rung");

    private static final String STANDING = """
            select rung, count(*) as customers from customer where erased_at is null group by rung""";

    private static final String MOVES = "select l.to_rung, count(*) filter (where " + RANK_TO + " > " + RANK_FROM
            + ") as climbed, count(*) filter (where " + RANK_TO + " < " + RANK_FROM + ") as slipped"
            + " from ladder_change l join customer c on c.id = l.customer_id"
            + " where l.kind <> 'START' and c.erased_at is null and l.changed_at >= $1 and l.changed_at < $2"
            + " group by l.to_rung";

    private static final String NPS = """
            select c.rung, count(*) filter (where t.feedback_score >= 9) as promoters,
                   count(*) filter (where t.feedback_score between 7 and 8) as passives,
                   count(*) filter (where t.feedback_score <= 6) as detractors
            from touchpoint t join customer c on c.id = t.customer_id
            where t.feedback_score is not null and c.erased_at is null and t.occurred_at >= $1 and t.occurred_at < $2
            group by c.rung""";

    private static final String LOOP = """
            select count(*) as detractors,
                   count(*) filter (where closed_at is not null
                       and closed_at <= opened_at + make_interval(secs => $3::double precision)) as closed_in_time
            from follow_up where reason = 'DETRACTOR' and opened_at >= $1 and opened_at < $2""";

    private static final String CUSTOMERS = """
            select c.id, c.name, c.rung, c.rung_since, a.display_name as manager,
                   (select t.feedback_score from touchpoint t where t.customer_id = c.id
                      and t.feedback_score is not null order by t.feedback_at desc limit 1) as last_score
            from customer c left join advisor a on a.id = c.assigned_advisor_id
            where c.rung = $1 and c.erased_at is null order by c.rung_since desc, c.id limit $2""";

    private static final String MOVEMENTS = "select l.customer_id, c.name, l.from_rung, l.to_rung, l.kind,"
            + " l.rule_name, a.display_name, l.reason, l.changed_at from ladder_change l"
            + " join customer c on c.id = l.customer_id left join advisor a on a.id = l.changed_by"
            + " where l.kind <> 'START' and c.erased_at is null and l.changed_at >= $1 and l.changed_at < $2"
            + " and ($3::text is null or l.to_rung = $3::text) and ($4::text is null or ($4::text = 'up') = ("
            + RANK_TO + " > " + RANK_FROM + ")) order by l.changed_at desc, l.id limit $5";

    private final Pool db;

    public LadderQueries(Pool db) {
        this.db = db;
    }

    public Uni<List<LadderReport.RungRow>> rungs(Instant from, Instant to) {
        Map<Rung, long[]> counts = new EnumMap<>(Rung.class);
        Map<Rung, Nps> nps = new EnumMap<>(Rung.class);
        for (Rung r : Rung.values()) {
            counts.put(r, new long[3]);
        }
        return db.query(STANDING).execute().invoke(rows -> {
            for (Row r : rows) {
                counts.get(Rung.valueOf(r.getString("rung")))[0] = r.getLong("customers");
            }
        }).chain(() -> db.preparedQuery(MOVES).execute(period(from, to))).invoke(rows -> {
            for (Row r : rows) {
                long[] c = counts.get(Rung.valueOf(r.getString("to_rung")));
                c[1] = r.getLong("climbed");
                c[2] = r.getLong("slipped");
            }
        }).chain(() -> db.preparedQuery(NPS).execute(period(from, to))).map(rows -> {
            for (Row r : rows) {
                nps.put(Rung.valueOf(r.getString("rung")), Nps.ofCounts(r.getInteger("promoters"),
                        r.getInteger("passives"), r.getInteger("detractors")));
            }
            List<LadderReport.RungRow> list = new ArrayList<>();
            for (Rung r : Rung.values()) {
                long[] c = counts.get(r);
                list.add(new LadderReport.RungRow(r, c[0], c[1], c[2], nps.getOrDefault(r, Nps.ofCounts(0, 0, 0))));
            }
            return list;
        });
    }

    public Uni<LadderReport.LoopClosed> loop(Instant from, Instant to, Duration within) {
        return db.preparedQuery(LOOP).execute(period(from, to).addDouble((double) within.toSeconds())).map(rows -> {
            Row r = rows.iterator().next();
            long detractors = r.getLong("detractors");
            long closed = r.getLong("closed_in_time");
            Integer share = detractors == 0 ? null : (int) Math.round(closed * 100.0 / detractors);
            return new LadderReport.LoopClosed(detractors, closed, within.toDays(), share);
        });
    }

    public Uni<List<LadderReport.RungCustomer>> customers(Rung rung) {
        return db.preparedQuery(CUSTOMERS).execute(Tuple.of(rung.name(), MAX_LISTED)).map(rows -> {
            List<LadderReport.RungCustomer> list = new ArrayList<>();
            for (Row r : rows) {
                list.add(new LadderReport.RungCustomer(r.getUUID("id"), r.getString("name"),
                        Rung.valueOf(r.getString("rung")), r.getOffsetDateTime("rung_since").toInstant(),
                        r.getString("manager"), r.getInteger("last_score")));
            }
            return list;
        });
    }

    /** Moves in the period, newest first; into one rung (or any: null), up or down (or both: null). */
    public Uni<List<LadderReport.Movement>> movements(Instant from, Instant to, Rung rung, String direction) {
        Tuple args = period(from, to).addString(rung == null ? null : rung.name()).addString(direction)
                .addInteger(MAX_LISTED);
        return db.preparedQuery(MOVEMENTS).execute(args).map(rows -> {
            List<LadderReport.Movement> list = new ArrayList<>();
            for (Row r : rows) {
                Rung f = Rung.valueOf(r.getString("from_rung"));
                Rung t = Rung.valueOf(r.getString("to_rung"));
                list.add(new LadderReport.Movement(r.getUUID("customer_id"), r.getString("name"), f, t,
                        t.ordinal() > f.ordinal() ? "up" : "down", r.getString("kind").toLowerCase(),
                        r.getString("rule_name"), r.getString("display_name"), r.getString("reason"),
                        r.getOffsetDateTime("changed_at").toInstant()));
            }
            return list;
        });
    }

    private static Tuple period(Instant from, Instant to) {
        return Tuple.of(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
    }
}

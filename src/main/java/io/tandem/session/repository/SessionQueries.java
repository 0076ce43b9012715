package io.tandem.session.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tandem.session.CobrowseSession;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Read-side queries joining sessions to advisor and customer names, their touchpoint and recording. */
@ApplicationScoped
public class SessionQueries {

    /** A recording with something to replay (a page or a document), not only joins and leaves. */
    private static final String RECORDED = "exists (select r.seq from RecordedChunk r where r.sessionId = s.id and r.replayable = true)";
    private static final String SELECT = "select s, a.displayName, c.name, t.durationSeconds, t.feedbackScore,"
            + " case when " + RECORDED + " then true else false end";
    private static final String FROM = " from CobrowseSession s join Advisor a on a.id = s.advisorId"
            + " join Customer c on c.id = s.customerId left join Touchpoint t on t.sessionId = s.id where 1 = 1";

    public Uni<SessionRow> find(UUID id) {
        return Panache.getSession()
                .chain(db -> db.createSelectionQuery(SELECT + FROM + " and s.id = :id", Object[].class)
                        .setParameter("id", id)
                        .getSingleResultOrNull())
                .map(r -> r == null ? null : row(r));
    }

    public Uni<List<SessionRow>> search(SessionFilter filter, SessionSort sort, int page, int size) {
        Where where = where(filter);
        return Panache.getSession().chain(db -> {
            var query = db.createSelectionQuery(SELECT + FROM + where.clause + sort.orderBy(), Object[].class);
            where.params.forEach(query::setParameter);
            return query.setFirstResult(page * size).setMaxResults(size).getResultList();
        }).map(rows -> rows.stream().map(SessionQueries::row).toList());
    }

    public Uni<Long> count(SessionFilter filter) {
        Where where = where(filter);
        return Panache.getSession().chain(db -> {
            var query = db.createSelectionQuery("select count(s)" + FROM + where.clause, Long.class);
            where.params.forEach(query::setParameter);
            return query.getSingleResult();
        });
    }

    private static SessionRow row(Object[] r) {
        return new SessionRow((CobrowseSession) r[0], (String) r[1], (String) r[2], (Integer) r[3],
                r[4] == null ? null : ((Number) r[4]).intValue(), Boolean.TRUE.equals(r[5]));
    }

    private record Where(String clause, Map<String, Object> params) {}

    private static Where where(SessionFilter f) {
        List<String> parts = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        add(parts, params, "s.status = :status", "status", f.status());
        add(parts, params, "s.advisorId = :advisor", "advisor", f.advisorId());
        add(parts, params, "(s.advisorId = :participant or exists (select c.staffId from SessionSeat c"
                + " where c.sessionId = s.id and c.staffId = :participant))", "participant", f.participant());
        add(parts, params, "s.customerId = :customer", "customer", f.customerId());
        add(parts, params, "s.createdAt >= :from", "from", f.from());
        add(parts, params, "s.createdAt < :to", "to", f.to());
        add(parts, params, "s.outcome = :outcome", "outcome", f.outcome());
        add(parts, params, "t.durationSeconds >= :minDuration", "minDuration", f.minDuration());
        add(parts, params, "t.durationSeconds <= :maxDuration", "maxDuration", f.maxDuration());
        add(parts, params, "t.feedbackScore >= :minScore", "minScore", f.minScore() == null
                ? null
                : f.minScore().shortValue());
        add(parts, params, "t.feedbackScore <= :maxScore", "maxScore", f.maxScore() == null
                ? null
                : f.maxScore().shortValue());
        if (f.recorded() != null) {
            parts.add(f.recorded() ? RECORDED : "not " + RECORDED);
        }
        if (f.notes() != null && !f.notes().isBlank()) {
            String escaped = f.notes().trim().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_");
            add(parts, params, "lower(s.notes) like :notes escape '\\'", "notes", "%" + escaped + "%");
        }
        return new Where(parts.stream().map(p -> " and " + p).reduce("", String::concat), params);
    }

    private static void add(List<String> parts, Map<String, Object> params, String clause, String name, Object value) {
        if (value != null) {
            parts.add(clause);
            params.put(name, value);
        }
    }
}

package io.tandem.session.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tandem.session.CobrowseSession;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Read-side queries joining sessions to advisor and customer names. */
@ApplicationScoped
public class SessionQueries {

    private static final String FROM = " from CobrowseSession s, Advisor a, Customer c"
            + " where a.id = s.advisorId and c.id = s.customerId";

    public Uni<SessionRow> find(UUID id) {
        return Panache.getSession()
                .chain(db -> db.createSelectionQuery("select s, a.displayName, c.name" + FROM + " and s.id = :id",
                        Object[].class)
                        .setParameter("id", id)
                        .getSingleResultOrNull())
                .map(r -> r == null ? null : row(r));
    }

    public Uni<List<SessionRow>> search(SessionFilter filter, int page, int size) {
        Where where = where(filter);
        return Panache.getSession().chain(db -> {
            var query = db.createSelectionQuery(
                    "select s, a.displayName, c.name" + FROM + where.clause + " order by s.createdAt desc, s.id",
                    Object[].class);
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
        return new SessionRow((CobrowseSession) r[0], (String) r[1], (String) r[2]);
    }

    private record Where(String clause, Map<String, Object> params) {}

    private static Where where(SessionFilter f) {
        List<String> parts = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (f.status() != null) {
            parts.add("s.status = :status");
            params.put("status", f.status());
        }
        if (f.advisorId() != null) {
            parts.add("s.advisorId = :advisor");
            params.put("advisor", f.advisorId());
        }
        if (f.customerId() != null) {
            parts.add("s.customerId = :customer");
            params.put("customer", f.customerId());
        }
        if (f.from() != null) {
            parts.add("s.createdAt >= :from");
            params.put("from", f.from());
        }
        if (f.to() != null) {
            parts.add("s.createdAt < :to");
            params.put("to", f.to());
        }
        return new Where(parts.stream().map(p -> " and " + p).reduce("", String::concat), params);
    }
}

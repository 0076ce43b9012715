package io.tandem.touchpoint.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.tandem.touchpoint.Customer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.UUID;

/** Customer rows; search matches name, email or CRM id, case-insensitively. */
@ApplicationScoped
public class CustomerRepository implements PanacheRepositoryBase<Customer, UUID> {

    private static final String MATCH = "lower(name) like :q escape '\\' or lower(email) like :q escape '\\'"
            + " or lower(externalCrmId) like :q escape '\\'";

    public Uni<List<Customer>> search(String query, int page, int size) {
        if (query == null || query.isBlank()) {
            return find("order by name, id").page(page, size).list();
        }
        return find(MATCH + " order by name, id", pattern(query)).page(page, size).list();
    }

    public Uni<Long> countMatching(String query) {
        return query == null || query.isBlank() ? count() : count(MATCH, pattern(query));
    }

    /** The customer with its row locked until the transaction ends: one ladder judgement at a time. */
    public Uni<Customer> lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<Boolean> crmIdTaken(String externalCrmId) {
        return count("externalCrmId", externalCrmId).map(n -> n > 0);
    }

    private static Parameters pattern(String query) {
        String escaped = query.trim().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return Parameters.with("q", "%" + escaped + "%");
    }
}

package io.tandem.touchpoint.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tandem.api.Page;
import io.tandem.api.Paging;
import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import io.tandem.staff.AdvisorRepository;
import io.tandem.touchpoint.Customer;
import io.tandem.touchpoint.NewCustomer;
import io.tandem.touchpoint.repository.CustomerRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;

/** Customers: creation with duplicate and reference checks, search, lookup. Callers own the transaction. */
@ApplicationScoped
public class CustomerService {

    private final CustomerRepository customers;
    private final AdvisorRepository advisors;
    private final Clock clock;

    public CustomerService(CustomerRepository customers, AdvisorRepository advisors, Clock clock) {
        this.customers = customers;
        this.advisors = advisors;
        this.clock = clock;
    }

    public Uni<Customer> create(NewCustomer request) {
        String crmId = blankToNull(request.externalCrmId());
        Uni<Boolean> crmTaken = crmId == null ? Uni.createFrom().item(false) : customers.crmIdTaken(crmId);
        Uni<Boolean> advisorMissing = request.assignedAdvisorId() == null
                ? Uni.createFrom().item(false)
                : advisors.findById(request.assignedAdvisorId()).map(a -> a == null);
        return crmTaken.chain(taken -> {
            if (taken) {
                throw new ProblemException(ProblemType.DUPLICATE_CUSTOMER,
                        "A customer with this externalCrmId already exists");
            }
            return advisorMissing;
        }).chain(missing -> {
            if (missing) {
                throw new ProblemException(ProblemType.INVALID_REQUEST, "assignedAdvisorId: no such advisor");
            }
            Customer c = new Customer();
            c.id = UUID.randomUUID();
            c.name = request.name().trim();
            c.email = blankToNull(request.email());
            c.phone = blankToNull(request.phone());
            c.externalCrmId = crmId;
            c.segment = blankToNull(request.segment());
            c.assignedAdvisorId = request.assignedAdvisorId();
            c.createdAt = clock.instant();
            return customers.persist(c);
        });
    }

    @WithSession
    public Uni<Customer> get(UUID id) {
        return customers.findById(id).map(c -> {
            if (c == null) {
                throw ProblemException.notFound(ProblemType.UNKNOWN_CUSTOMER, id);
            }
            return c;
        });
    }

    @WithSession
    public Uni<Page<Customer>> search(String query, Paging paging) {
        if (query != null && query.length() > 200) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "query: at most 200 characters");
        }
        return customers.search(query, paging.page(), paging.size())
                .chain(items -> customers.countMatching(query)
                        .map(total -> new Page<>(items, paging.page(), paging.size(), total)));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

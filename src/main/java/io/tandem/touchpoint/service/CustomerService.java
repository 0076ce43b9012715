package io.tandem.touchpoint.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tandem.api.Page;
import io.tandem.api.Paging;
import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.tandem.staff.AdvisorRepository;
import io.tandem.staff.StaffMember;
import io.tandem.touchpoint.Rung;
import io.tandem.touchpoint.ladder.Ladder;
import io.tandem.touchpoint.ladder.LadderChangeView;
import io.tandem.touchpoint.ladder.LadderChanges;
import java.util.List;
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
    private final Ladder ladder;
    private final LadderChanges changes;

    public CustomerService(CustomerRepository customers, AdvisorRepository advisors, Clock clock, Ladder ladder,
            LadderChanges changes) {
        this.customers = customers;
        this.advisors = advisors;
        this.clock = clock;
        this.ladder = ladder;
        this.changes = changes;
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
            c.rungSince = c.createdAt;
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

    /** The (not erased) customer with this CRM id, or null; callers own the session. */
    public Uni<Customer> byCrmId(String externalCrmId) {
        return customers.find("externalCrmId", externalCrmId).firstResult();
    }

    /** The name of the customer's account manager (their assigned advisor), or null. */
    @WithSession
    public Uni<String> accountManagerName(Customer c) {
        return c.assignedAdvisorId == null
                ? Uni.createFrom().nullItem()
                : advisors.findById(c.assignedAdvisorId).map(a -> a == null ? null : a.displayName);
    }

    /** Sets the customer's rung by hand, with a reason; the change is kept (none when they already stand there). */
    @WithTransaction
    public Uni<Customer> setRung(UUID id, Rung rung, String reason, StaffMember by) {
        return customers.lock(id).chain(c -> {
            if (c == null) {
                throw ProblemException.notFound(ProblemType.UNKNOWN_CUSTOMER, id);
            }
            return ladder.setByHand(c, rung, by.id(), reason.strip()).replaceWith(c);
        });
    }

    /** The customer's moves on the loyalty ladder, newest first; 404 for an unknown customer. */
    @WithSession
    public Uni<List<LadderChangeView>> ladder(UUID id) {
        return get(id).chain(c -> changes.of(id));
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

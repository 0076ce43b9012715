package io.tandem.touchpoint.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tandem.touchpoint.Customer;
import io.tandem.touchpoint.Rung;
import java.time.Instant;
import java.util.UUID;

/** A customer as the API shows it: segment is the CRM's label, rung the loyalty ladder's (since when). */
public record CustomerView(UUID id, String name, String email, String phone, String externalCrmId, String segment,
        UUID assignedAdvisorId, @JsonInclude(JsonInclude.Include.NON_NULL) String accountManagerName,
        Instant createdAt, Rung rung, Instant rungSince) {

    public static CustomerView of(Customer c) {
        return of(c, null);
    }

    /** With the account manager's name (the assigned advisor's), as one customer's read has it. */
    public static CustomerView of(Customer c, String accountManagerName) {
        return new CustomerView(c.id, c.name, c.email, c.phone, c.externalCrmId, c.segment, c.assignedAdvisorId,
                accountManagerName, c.createdAt, c.rung, c.rungSince);
    }
}

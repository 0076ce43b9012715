package io.tandem.touchpoint.rest;

import io.tandem.touchpoint.Customer;
import java.time.Instant;
import java.util.UUID;

/** A customer as the API shows it. */
public record CustomerView(UUID id, String name, String email, String phone, String externalCrmId, String segment,
        UUID assignedAdvisorId, Instant createdAt) {

    public static CustomerView of(Customer c) {
        return new CustomerView(c.id, c.name, c.email, c.phone, c.externalCrmId, c.segment, c.assignedAdvisorId,
                c.createdAt);
    }
}

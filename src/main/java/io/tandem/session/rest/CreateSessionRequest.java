package io.tandem.session.rest;

import io.tandem.touchpoint.NewCustomer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** Opens a session for an existing customer ({@code customerId}) or a new one ({@code customer}). */
public record CreateSessionRequest(UUID customerId, @Valid NewCustomer customer,
        @Size(max = 500, message = "Keep the purpose to {max} characters or fewer.") String purpose) {}

package io.tandem.session.help;

import io.tandem.touchpoint.NewCustomer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** An advisor taking a visitor's help code, for an existing customer or a new one. */
public record ClaimHelpRequest(
        @NotBlank(message = "Enter the visitor's 6-digit help code.") @Size(max = 6, message = "The help code has 6 digits.") String code,
        UUID customerId, @Valid NewCustomer customer,
        @Size(max = 500, message = "Keep the purpose to {max} characters or fewer.") String purpose) {}

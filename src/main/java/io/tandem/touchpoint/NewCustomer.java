package io.tandem.touchpoint;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** The fields of a customer to create, on its own or inline with a new session. */
public record NewCustomer(
        @NotBlank @Size(max = 200) String name,
        @Email @Size(max = 320) String email,
        @Size(max = 40) @Pattern(regexp = "[+0-9 ()./-]*", message = "digits, spaces and + ( ) . / - only") String phone,
        @Size(max = 100) String externalCrmId,
        @Size(max = 60) String segment,
        UUID assignedAdvisorId) {}

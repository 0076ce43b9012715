package io.tandem.touchpoint;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** The fields of a customer to create, on its own or inline with a new session. */
public record NewCustomer(
        @NotBlank(message = "Enter the customer's name.") @Size(max = 200, message = "Keep the customer's name to {max} characters or fewer.") String name,
        @Email(message = "Enter an email address such as name@example.com.") @Size(max = 320, message = "Keep the email address to {max} characters or fewer.") String email,
        @Size(max = 40, message = "Keep the phone number to {max} characters or fewer.") @Pattern(regexp = "[+0-9 ()./-]*", message = "Enter a phone number with digits, spaces and + ( ) . / - only.") String phone,
        @Size(max = 100, message = "Keep the CRM id to {max} characters or fewer.") String externalCrmId,
        @Size(max = 60, message = "Keep the segment to {max} characters or fewer.") String segment,
        UUID assignedAdvisorId) {}

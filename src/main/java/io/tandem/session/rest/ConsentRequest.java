package io.tandem.session.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The customer's answer to the consent step. */
public record ConsentRequest(
        @NotBlank(message = "The consent step has expired: open the link again.") @Size(max = 64, message = "The consent step has expired: open the link again.") String ticket,
        @NotNull(message = "Choose whether to share your page.") Boolean accept) {}

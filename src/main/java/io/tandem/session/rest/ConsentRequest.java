package io.tandem.session.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The customer's answer to the consent step. */
public record ConsentRequest(@NotBlank @Size(max = 64) String ticket, @NotNull Boolean accept) {}

package io.tandem.settings;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A change of the firm's name and/or primary colour: each field left out keeps its value. The name is 1 to 80
 * characters of text; the colour is a hex colour such as #163a63.
 */
public record BrandingRequest(
        @Size(min = 1, max = 80, message = "The firm's name must be 1 to 80 characters long.") @Pattern(regexp = "[^\\p{Cntrl}]*[^\\p{Cntrl}\\s][^\\p{Cntrl}]*", message = "The firm's name must be text on one line.") String name,
        @Pattern(regexp = "#[0-9a-fA-F]{6}", message = "The colour must be a hex colour such as #163a63.") String colour) {}

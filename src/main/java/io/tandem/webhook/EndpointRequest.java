package io.tandem.webhook;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A receiver to register or change: its URL (checked against the SSRF rule, 422 when refused), a note for admins, the
 * event types it wants (wire names, e.g. touchpoint.completed) and whether deliveries go out (default true).
 */
public record EndpointRequest(String url,
        @Size(max = 200, message = "Keep the description to {max} characters or fewer.") String description,
        @NotEmpty(message = "Choose at least one event type.") List<String> eventTypes, Boolean enabled) {}

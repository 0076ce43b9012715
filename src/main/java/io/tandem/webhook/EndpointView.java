package io.tandem.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A registered receiver with its deliveries waiting and dead. {@code secret} is present once only, in the answer that
 * created the endpoint: it is the Standard Webhooks signing secret (whsec_…) the receiver verifies with.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointView(UUID id, String url, String description, List<String> eventTypes, boolean enabled,
        Instant createdAt, Instant updatedAt, Long pending, Long dead, String secret) {}

package io.tandem.session.help;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/** A poll's answer: still waiting, or ready with the consent step (a one-time ticket for POST /api/join/consent). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HelpStatus(String status, String ticket, UUID sessionId, String advisorName, String purpose,
        Instant consentExpiresAt) {

    static HelpStatus waiting() {
        return new HelpStatus("waiting", null, null, null, null, null);
    }
}

package io.tandem.session.help;

import java.time.Instant;
import java.util.UUID;

/**
 * A help request waiting for its customer's account manager: the code to take it with, who the site says the visitor
 * is (its word, not proof), since when, and until when it waits for them alone.
 */
public record WaitingHelp(UUID id, String code, UUID customerId, String customerName, Instant since,
        Instant onlyYouUntil) {}

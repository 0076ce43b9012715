package io.tandem.session.help;

import java.time.Instant;
import java.util.UUID;

/** A new help request as the visitor's page sees it: the code to read out, and the token to poll with. */
public record HelpTicket(UUID id, String code, String pollToken, Instant expiresAt) {}

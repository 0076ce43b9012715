package io.tandem.session.service;

import io.tandem.session.repository.SessionRow;

/** A redeemed join code or link: the session, and the one-time ticket that gives consent for it. */
public record Redemption(SessionRow row, String consentTicket) {}

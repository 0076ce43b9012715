package io.tandem.session.repository;

import io.tandem.session.CobrowseSession;

/** A session with the display names of its advisor and customer, read in one query. */
public record SessionRow(CobrowseSession session, String advisorName, String customerName) {}

package io.tandem.session.service;

import io.tandem.session.CobrowseSession;

/** A new session with its join secrets; the token exists only here and in the join link, never in storage. */
public record Invitation(CobrowseSession session, String token, String code) {}

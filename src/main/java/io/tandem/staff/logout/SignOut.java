package io.tandem.staff.logout;

import java.time.Instant;

/**
 * A staff sign-out reported by the identity provider: every token of session {@code sid} is void; without a sid,
 * every token of {@code subject} issued up to {@code at}.
 */
public record SignOut(String sid, String subject, Instant at) {}

package io.tandem.session;

/**
 * CREATED (invite out) → WAITING (link or code redeemed, consent pending) → ACTIVE (consented; touchpoint opened) →
 * ENDED (by staff, with an outcome) or EXPIRED (by the expiry job).
 */
public enum SessionStatus {
    CREATED,
    WAITING,
    ACTIVE,
    ENDED,
    EXPIRED;

    public boolean isFinished() {
        return this == ENDED || this == EXPIRED;
    }
}

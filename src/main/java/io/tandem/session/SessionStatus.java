package io.tandem.session;

/**
 * CREATED (invite out) → WAITING (link or code redeemed, consent pending) → ACTIVE (consented; touchpoint opened) →
 * ENDED (by staff, with an outcome) or EXPIRED (by the expiry job).
 */
public enum SessionStatus {
    CREATED("Invited"),
    WAITING("Waiting for consent"),
    ACTIVE("In progress"),
    ENDED("Ended"),
    EXPIRED("Expired");

    private final String label;

    SessionStatus(String label) {
        this.label = label;
    }

    /** The state in words, as lib/words.js shows it. */
    public String label() {
        return label;
    }

    public boolean isFinished() {
        return this == ENDED || this == EXPIRED;
    }
}

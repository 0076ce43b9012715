package io.tandem.touchpoint;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a session, and so its touchpoint, achieved; lower-case on the wire, with the words people read (the console's and the CSV's). */
public enum Outcome {
    @JsonProperty("resolved")
    RESOLVED("Resolved"),
    @JsonProperty("policy_explained")
    POLICY_EXPLAINED("Policy explained"),
    @JsonProperty("quote_sent")
    QUOTE_SENT("Quote sent"),
    @JsonProperty("follow_up")
    FOLLOW_UP("Follow-up needed"),
    @JsonProperty("escalated")
    ESCALATED("Escalated"),
    @JsonProperty("no_show")
    NO_SHOW("No show");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    /** The outcome in words, as lib/words.js shows it. */
    public String label() {
        return label;
    }
}

package io.tandem.session;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a session achieved; lower-case on the wire. */
public enum Outcome {
    @JsonProperty("resolved")
    RESOLVED,
    @JsonProperty("policy_explained")
    POLICY_EXPLAINED,
    @JsonProperty("quote_sent")
    QUOTE_SENT,
    @JsonProperty("follow_up")
    FOLLOW_UP,
    @JsonProperty("escalated")
    ESCALATED,
    @JsonProperty("no_show")
    NO_SHOW
}

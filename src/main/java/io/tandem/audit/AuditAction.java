package io.tandem.audit;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What an audit row records; lower-case on the wire. */
public enum AuditAction {
    /** A supervisor read a session's recording (to replay it). */
    @JsonProperty("replay")
    REPLAY,
    /** A supervisor exported the session log as CSV. */
    @JsonProperty("export")
    EXPORT,
    /** An admin erased a customer's personal data. */
    @JsonProperty("erasure")
    ERASURE,
    /** The retention job deleted expired recordings and cleared expired notes and comments. */
    @JsonProperty("purge")
    PURGE,
    /** A supervisor opened a live session silently (once per connection, reconnects included). */
    @JsonProperty("watch")
    WATCH,
    /** An admin changed the firm's branding (name, colour or logo). */
    @JsonProperty("branding")
    BRANDING,
    /** An admin added a site origin at run time (the origin is the detail). */
    @JsonProperty("site_added")
    SITE_ADDED,
    /** An admin removed a site origin added at run time (the origin is the detail). */
    @JsonProperty("site_removed")
    SITE_REMOVED,
    /** A session's owner invited a colleague or a team to join or to take the session over (the detail says which). */
    @JsonProperty("invite")
    INVITE,
    /** A session's owner withdrew an invitation. */
    @JsonProperty("withdraw")
    WITHDRAW,
    /** A colleague accepted an invitation and joined the session beside its owner. */
    @JsonProperty("join")
    JOIN,
    /** The session changed owner: a colleague accepted a transfer (warm to a person, cold to a team). */
    @JsonProperty("transfer")
    TRANSFER,
    /** A supervisor watching the session stepped into the conversation. */
    @JsonProperty("step_in")
    STEP_IN,
    /** A supervisor who had stepped in went back to watching silently. */
    @JsonProperty("step_out")
    STEP_OUT,
    /** An admin registered a webhook endpoint (its URL is the detail; never its secret). */
    @JsonProperty("webhook_added")
    WEBHOOK_ADDED,
    /** An admin changed a webhook endpoint (URL, event types, on or off). */
    @JsonProperty("webhook_changed")
    WEBHOOK_CHANGED,
    /** An admin removed a webhook endpoint with its pending deliveries and dead letters. */
    @JsonProperty("webhook_removed")
    WEBHOOK_REMOVED,
    /** An admin sent a webhook's dead letter again. */
    @JsonProperty("redeliver")
    REDELIVER
}

package io.tandem.relay.socket;

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What a staff connection needs to know of the token it was opened (or last renewed) with: when it expires, and which
 * identity-provider session and subject it belongs to (for back-channel sign-outs).
 *
 * @param expiresAt epoch seconds; 0 when unknown
 * @param issuedAt epoch seconds; 0 when unknown
 */
record StaffToken(String sid, String subject, long issuedAt, long expiresAt) {

    /** The identity attribute in which Quarkus keeps a token's expiry (epoch seconds). */
    static final String EXPIRE_TIME = "quarkus.identity.expire-time";

    /** The token behind a staff identity, or null for customer and stage credentials (no bearer token). */
    static StaffToken of(SecurityIdentity identity) {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return null;
        }
        Object expiry = identity.getAttribute(EXPIRE_TIME);
        long expiresAt = expiry instanceof Number n ? n.longValue() : jwt.getExpirationTime();
        Object sid = jwt.getClaim("sid");
        return new StaffToken(sid == null ? null : sid.toString(), jwt.getSubject(), jwt.getIssuedAtTime(), expiresAt);
    }
}

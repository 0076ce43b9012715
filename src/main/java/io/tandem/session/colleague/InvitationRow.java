package io.tandem.session.colleague;

import java.time.Instant;
import java.util.UUID;

/**
 * An invitation as stored, with the names it shows. {@code status} is the stored one (PENDING, ACCEPTED, DECLINED,
 * WITHDRAWN); a pending invitation past {@code expiresAt} is expired.
 */
public record InvitationRow(UUID id, UUID sessionId, String kind, UUID invitedBy, String inviterName, UUID inviteeId,
        String inviteeName, String team, String note, String status, Instant createdAt, Instant expiresAt,
        UUID answeredBy, String answererName, String customerName, String sessionStatus, UUID ownerId) {

    public static final String JOIN = "JOIN";
    public static final String TRANSFER = "TRANSFER";
    public static final String PENDING = "PENDING";

    /** The status as the API names it: pending, accepted, declined, withdrawn, or expired. */
    public String state(Instant now) {
        if (PENDING.equals(status) && !expiresAt.isAfter(now)) {
            return "expired";
        }
        return status.toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether this staff member (of this team) is the one invited. */
    public boolean isFor(UUID staffId, String staffTeam) {
        return inviteeId != null
                ? inviteeId.equals(staffId)
                : staffTeam != null && team != null && team.equalsIgnoreCase(staffTeam);
    }
}

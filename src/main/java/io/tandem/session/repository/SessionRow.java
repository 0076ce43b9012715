package io.tandem.session.repository;

import io.tandem.session.CobrowseSession;
import io.tandem.staff.Roles;
import io.tandem.staff.StaffMember;

/**
 * A session with the display names of its advisor and customer, its touchpoint's duration and score, and whether it
 * has a recording, read in one query.
 */
public record SessionRow(CobrowseSession session, String advisorName, String customerName, Integer durationSeconds,
        Integer score, boolean recorded) {

    public SessionRow(CobrowseSession session, String advisorName, String customerName) {
        this(session, advisorName, customerName, null, null, false);
    }

    /** Whether this staff member is the session's own advisor (others in it can only be supervisors). */
    public boolean isAdvisedBy(StaffMember member) {
        return session.advisorId.equals(member.id()) && member.roles().contains(Roles.ADVISOR);
    }
}

package io.tandem.staff;

import java.util.Set;
import java.util.UUID;

/**
 * The staff member behind the current request: their advisor row id, the roles their token carries and their team
 * (the token's {@code team} claim, or null).
 */
public record StaffMember(UUID id, String subject, String displayName, Set<String> roles, String team) {

    public StaffMember(UUID id, String subject, String displayName, Set<String> roles) {
        this(id, subject, displayName, roles, null);
    }

    public boolean isSupervisor() {
        return roles.contains(Roles.SUPERVISOR);
    }
}

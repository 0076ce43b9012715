package io.tandem.staff;

import java.util.Set;
import java.util.UUID;

/** The staff member behind the current request: their advisor row id and the roles their token carries. */
public record StaffMember(UUID id, String subject, String displayName, Set<String> roles) {

    public boolean isSupervisor() {
        return roles.contains(Roles.SUPERVISOR);
    }
}

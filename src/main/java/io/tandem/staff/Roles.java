package io.tandem.staff;

import java.util.Set;

/** Role names, as Keycloak realm roles carry them, plus the customer's session-scoped role. */
public final class Roles {
    public static final String ADVISOR = "advisor";
    public static final String SUPERVISOR = "supervisor";
    public static final String ADMIN = "admin";
    /** Not a Keycloak role: granted by a customer credential for one session. */
    public static final String CUSTOMER = "customer";
    /** Not a Keycloak role: the advisor's own page shared on the stage of one session. */
    public static final String STAGE = "stage";

    public static final Set<String> STAFF = Set.of(ADVISOR, SUPERVISOR, ADMIN);

    private Roles() {}
}

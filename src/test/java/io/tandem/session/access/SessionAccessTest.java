package io.tandem.session.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.security.CustomerCredential;
import io.tandem.session.CobrowseSession;
import io.tandem.session.SessionStatus;
import io.tandem.session.repository.SessionRow;
import io.tandem.staff.Roles;
import io.tandem.staff.StaffMember;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The seats of the session access policy, as plain rules (the relay and document tests cover them end to end). */
class SessionAccessTest {

    private final UUID advisor = UUID.randomUUID();
    private final UUID customer = UUID.randomUUID();
    private final SessionRow row = row(SessionStatus.ACTIVE);

    private SessionRow row(SessionStatus status) {
        CobrowseSession s = new CobrowseSession();
        s.id = UUID.randomUUID();
        s.advisorId = advisor;
        s.customerId = customer;
        s.status = status;
        return new SessionRow(s, "Alice Archer", "Carl Customer");
    }

    private static StaffMember staff(UUID id, String... roles) {
        return new StaffMember(id, "sub-" + id, "Someone", Set.of(roles));
    }

    @Test
    void theSessionsOwnAdvisorSitsAsAdvisorEvenIfAlsoASupervisor() {
        assertEquals(Seat.ADVISOR, SessionAccess.staffSeat(staff(advisor, Roles.ADVISOR), row));
        assertEquals(Seat.ADVISOR, SessionAccess.staffSeat(staff(advisor, Roles.ADVISOR, Roles.SUPERVISOR), row));
    }

    @Test
    void supervisorsAndAdminsHaveTheirSeatsAndOtherAdvisorsNone() {
        assertEquals(Seat.SUPERVISOR, SessionAccess.staffSeat(staff(UUID.randomUUID(), Roles.SUPERVISOR), row));
        assertEquals(Seat.ADMIN, SessionAccess.staffSeat(staff(UUID.randomUUID(), Roles.ADMIN), row));
        assertNull(SessionAccess.staffSeat(staff(UUID.randomUUID(), Roles.ADVISOR), row));
        // the advisor's id without the advisor role (a token of another kind) is not the session's advisor
        assertNull(SessionAccess.staffSeat(staff(advisor), row));
    }

    @Test
    void aCustomerSitsOnlyInTheirOwnSessionWhileItIsActive() {
        Instant later = Instant.now().plusSeconds(600);
        Access in = SessionAccess.customer(new CustomerCredential(row.session().id, customer, later), row);
        assertTrue(in.granted());
        assertEquals(Seat.CUSTOMER, in.seat());
        assertEquals("Carl Customer", in.name());
        assertEquals(Refusal.NOT_YOURS, SessionAccess.customer(new CustomerCredential(UUID.randomUUID(), customer,
                later), row).refusal());
        assertEquals(Refusal.NOT_YOURS, SessionAccess.customer(new CustomerCredential(row.session().id, UUID
                .randomUUID(), later), row).refusal());
        assertEquals(Refusal.NOT_YOURS, SessionAccess.customer(null, row).refusal());
        SessionRow waiting = row(SessionStatus.WAITING);
        assertEquals(Refusal.NOT_LIVE, SessionAccess.customer(new CustomerCredential(waiting.session().id, customer,
                later), waiting).refusal());
    }

    @Test
    void theStagePageSitsWithTheAdvisorsStageCredentialOnly() {
        Instant later = Instant.now().plusSeconds(600);
        Access stage = SessionAccess.stage(new CustomerCredential(row.session().id, advisor, later), row);
        assertEquals(Seat.STAGE, stage.seat());
        assertEquals(advisor.toString(), stage.personId());
        assertEquals("Alice Archer", stage.name());
        assertEquals(Refusal.NOT_YOURS, SessionAccess.stage(new CustomerCredential(row.session().id, customer,
                later), row).refusal());
    }

    @Test
    void refusalsCarryTheirHttpStatus() {
        assertEquals(404, Refusal.UNKNOWN_SESSION.status());
        assertEquals(410, Refusal.SESSION_OVER.status());
        assertEquals(403, Refusal.NOT_LIVE.status());
        assertEquals(403, Refusal.NOT_YOURS.status());
    }
}

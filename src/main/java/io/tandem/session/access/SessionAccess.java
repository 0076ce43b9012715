package io.tandem.session.access;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tandem.audit.AuditAction;
import io.tandem.audit.AuditLog;
import io.tandem.security.CustomerCredential;
import io.tandem.security.CustomerIdentityProvider;
import io.tandem.session.SessionStatus;
import io.tandem.session.repository.SessionRow;
import io.tandem.session.service.SessionDirectory;
import io.tandem.staff.Roles;
import io.tandem.staff.StaffMember;
import io.tandem.staff.StaffService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Who may be in which session, in which seat: the one policy the relay asks before a live connection and the document
 * feature asks before a session's documents are shared or read. Staff sit as the session's own advisor, as a
 * supervisor (any session) or as an admin (records only); a customer sits in their own session while it is live; the
 * advisor's stage page in the session its credential names.
 */
@ApplicationScoped
public class SessionAccess {

    private final SessionDirectory sessions;
    private final StaffService staff;
    private final AuditLog audit;

    public SessionAccess(SessionDirectory sessions, StaffService staff, AuditLog audit) {
        this.sessions = sessions;
        this.staff = staff;
        this.audit = audit;
    }

    /**
     * Entering the session live (the relay, before the 101): it must exist (404) and not be over (410); its advisor
     * enters as advisor, a supervisor as supervisor (recorded in the audit log as watching), its customer while it is
     * active, the advisor's stage page with a stage credential of it; anyone else is refused (403).
     */
    public Uni<Access> live(SecurityIdentity identity, UUID sessionId) {
        return sessions.find(sessionId).chain(row -> {
            if (row == null) {
                return refuse(sessionId, Refusal.UNKNOWN_SESSION, null);
            }
            if (row.session().status.isFinished()) {
                return refuse(sessionId, Refusal.SESSION_OVER, null);
            }
            if (identity.hasRole(Roles.CUSTOMER)) {
                return Uni.createFrom().item(customer(credential(identity), row));
            }
            if (identity.hasRole(Roles.STAGE)) {
                return Uni.createFrom().item(stage(credential(identity), row));
            }
            return staff.current(identity).chain(me -> seat(me, row).chain(seat -> {
                if (seat != Seat.ADVISOR && seat != Seat.COLLEAGUE && seat != Seat.STEPPED_IN
                        && seat != Seat.SUPERVISOR) {
                    return refuse(sessionId, Refusal.NOT_YOURS, me.id().toString());
                }
                Access access = staffAccess(me, row, seat);
                return seat != Seat.SUPERVISOR
                        ? Uni.createFrom().item(access)
                        : audit.record(me, AuditAction.WATCH, sessionId, row.session().customerId, "live")
                                .replaceWith(access);
            }));
        });
    }

    /** The session's records (documents shared, viewed, signed): its advisors, supervisors and admins. */
    public Uni<Access> records(StaffMember me, UUID sessionId) {
        return sessions.find(sessionId).chain(row -> row == null
                ? refuse(sessionId, Refusal.UNKNOWN_SESSION, null)
                : seat(me, row).map(seat -> seat == null
                        ? Access.refused(sessionId, Refusal.NOT_YOURS, me.id().toString())
                        : staffAccess(me, row, seat)));
    }

    /**
     * Working in the session (sharing or uploading for it, presenting a document): the advisors in it (its owner, a
     * colleague who joined, a supervisor who stepped in), and not once it is over.
     */
    public Uni<Access> ownOpen(StaffMember me, UUID sessionId) {
        return sessions.find(sessionId).chain(row -> {
            if (row == null) {
                return refuse(sessionId, Refusal.UNKNOWN_SESSION, null);
            }
            return seat(me, row).map(seat -> {
                if (seat != Seat.ADVISOR && seat != Seat.COLLEAGUE && seat != Seat.STEPPED_IN) {
                    return Access.refused(sessionId, Refusal.NOT_YOURS, me.id().toString());
                }
                if (row.session().status.isFinished()) {
                    return Access.refused(sessionId, Refusal.SESSION_OVER, me.id().toString());
                }
                return staffAccess(me, row, seat);
            });
        });
    }

    /**
     * The seat a staff member takes in the session, the colleagues beside its owner included: the owner's, a
     * colleague's (an advisor who joined), a stepped-in supervisor's, a supervisor's, an admin's, or none (null).
     */
    public Uni<Seat> seat(StaffMember me, SessionRow row) {
        Seat seat = staffSeat(me, row);
        if (seat == Seat.ADVISOR) {
            return Uni.createFrom().item(seat);
        }
        return sessions.colleagueSeat(row.session().id, me.id()).map(colleague -> {
            if ("ADVISOR".equals(colleague) && me.roles().contains(Roles.ADVISOR)) {
                return Seat.COLLEAGUE;
            }
            if ("SUPERVISOR".equals(colleague) && me.isSupervisor()) {
                return Seat.STEPPED_IN;
            }
            return seat;
        });
    }

    /** The customer in their session (documents shared with them): only with its credential and while it is live. */
    public Uni<Access> customerLive(CustomerCredential credential, UUID sessionId) {
        return known(sessionId, row -> customer(credential, row));
    }

    /** Staff who see every session's records without being in it: supervisors and admins. */
    public boolean seesEverySession(StaffMember me) {
        return me.isSupervisor() || me.roles().contains(Roles.ADMIN);
    }

    /** The seat a staff member takes in the session: its advisor's, a supervisor's, an admin's, or none (null). */
    static Seat staffSeat(StaffMember me, SessionRow row) {
        if (row.isAdvisedBy(me)) {
            return Seat.ADVISOR;
        }
        if (me.isSupervisor()) {
            return Seat.SUPERVISOR;
        }
        return me.roles().contains(Roles.ADMIN) ? Seat.ADMIN : null;
    }

    static Access customer(CustomerCredential credential, SessionRow row) {
        UUID id = row.session().id;
        if (credential == null || !credential.sessionId().equals(id)
                || !credential.customerId().equals(row.session().customerId)) {
            return Access.refused(id, Refusal.NOT_YOURS, null);
        }
        if (row.session().status != SessionStatus.ACTIVE) {
            return Access.refused(id, Refusal.NOT_LIVE, null);
        }
        return new Access(id, Seat.CUSTOMER, row.session().customerId.toString(), row.customerName(),
                row.session().customerId, null);
    }

    static Access stage(CustomerCredential credential, SessionRow row) {
        UUID id = row.session().id;
        if (credential == null || !credential.sessionId().equals(id)
                || !credential.customerId().equals(row.session().advisorId)) {
            return Access.refused(id, Refusal.NOT_YOURS, null);
        }
        return new Access(id, Seat.STAGE, row.session().advisorId.toString(), row.advisorName(),
                row.session().customerId, null);
    }

    private static Access staffAccess(StaffMember me, SessionRow row, Seat seat) {
        return new Access(row.session().id, seat, me.id().toString(), me.displayName(), row.session().customerId,
                null, me.team());
    }

    private static CustomerCredential credential(SecurityIdentity identity) {
        return identity.getAttribute(CustomerIdentityProvider.CREDENTIAL_ATTRIBUTE);
    }

    private Uni<Access> known(UUID sessionId, java.util.function.Function<SessionRow, Access> decide) {
        return sessions.find(sessionId).map(row -> row == null
                ? Access.refused(sessionId, Refusal.UNKNOWN_SESSION, null)
                : decide.apply(row));
    }

    private static Uni<Access> refuse(UUID sessionId, Refusal refusal, String personId) {
        return Uni.createFrom().item(Access.refused(sessionId, refusal, personId));
    }
}

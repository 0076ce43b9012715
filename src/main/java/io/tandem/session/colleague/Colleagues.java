package io.tandem.session.colleague;

import io.smallrye.mutiny.Uni;
import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import io.tandem.audit.AuditAction;
import io.tandem.audit.AuditLog;
import io.tandem.config.TandemConfig;
import io.tandem.session.SessionSeatChanged;
import io.tandem.session.SessionSeatChanged.Change;
import io.tandem.staff.Roles;
import io.tandem.staff.StaffMember;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * More than two in a session: the owner invites a colleague or a team to join or to take the session over, the one
 * invited accepts or declines, a supervisor steps into the conversation and out. Each change is one transaction with
 * the session's row locked (so a transfer, an end and a second answer never cross), audited in it; the session's room
 * and the invitees' consoles hear of it once it is committed.
 */
@ApplicationScoped
public class Colleagues {

    static final int MAX_NOTE = 280;
    /** Invitations a session may have waiting at once (people and teams, to join or take over). */
    static final int MAX_PENDING = 10;
    private static final List<String> OPEN = List.of("CREATED", "WAITING", "ACTIVE");

    private final ColleagueStore store;
    private final AuditLog audit;
    private final Clock clock;
    private final InvitationFeed feed;
    private final Event<SessionSeatChanged> seats;
    private final Duration ttl;

    public Colleagues(ColleagueStore store, AuditLog audit, Clock clock, InvitationFeed feed,
            Event<SessionSeatChanged> seats,
            TandemConfig config) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.feed = feed;
        this.seats = seats;
        this.ttl = config.invitations().ttl();
    }

    /** What an invitation asks: a person (inviteeId) or a team, to join or to take over, with a note. */
    public record Ask(UUID inviteeId, String team, String note, String kind) {}

    /** The owner invites: 201 with the invitation, or a problem saying why not. */
    public Uni<InvitationRow> invite(StaffMember me, UUID sessionId, Ask ask) {
        String kind = kind(ask.kind());
        String team = blankToNull(ask.team());
        String note = blankToNull(ask.note());
        if ((ask.inviteeId() == null) == (team == null)) {
            throw new ProblemException(ProblemType.INVALID_REQUEST,
                    "Invite exactly one: a colleague (inviteeId) or a team (team).");
        }
        if (note != null && note.length() > MAX_NOTE) {
            throw new ProblemException(ProblemType.INVALID_REQUEST,
                    "The note is " + note.length() + " characters long; at most " + MAX_NOTE + " are kept.");
        }
        if (team != null && team.length() > 64) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "A team's name has at most 64 characters.");
        }
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        return store.pool().withTransaction(tx -> owned(tx, me, sessionId).chain(session -> invitee(tx, me, ask
                .inviteeId(), team)).chain(() -> store.pendingCount(tx, sessionId, now)).invoke(pending -> {
                    if (pending >= MAX_PENDING) {
                        throw new ProblemException(ProblemType.SESSION_STATE_CONFLICT, "This session already has "
                                + pending + " invitations waiting; withdraw one or wait for an answer first.");
                    }
                }).chain(() -> store.insert(tx, id, sessionId, kind, me.id(), ask.inviteeId(), team, note, now, now
                        .plus(ttl)))
                .chain(() -> store.find(tx, id))
                .call(inv -> audit.record(tx, me, AuditAction.INVITE, sessionId, null, describe(inv))))
                .invoke(feed::changed);
    }

    /** The owner withdraws a pending invitation. */
    public Uni<Void> withdraw(StaffMember me, UUID sessionId, UUID invitationId) {
        Instant now = clock.instant();
        return store.pool().withTransaction(tx -> owned(tx, me, sessionId).chain(session -> store.find(tx,
                invitationId)).chain(inv -> {
                    if (inv == null || !inv.sessionId().equals(sessionId)) {
                        throw new ProblemException(ProblemType.UNKNOWN_INVITATION,
                                "This session has no invitation " + invitationId + ".");
                    }
                    return answer(tx, invitationId, "WITHDRAWN", me, now, "This invitation was already "
                            + inv.state(now) + ", so it cannot be withdrawn.")
                            .chain(() -> audit.record(tx, me, AuditAction.WITHDRAW, sessionId, null, describe(inv)));
                }))
                .invoke(feed::changed);
    }

    /** The session's invitations, for its owner. */
    public Uni<List<InvitationRow>> ofSession(StaffMember me, UUID sessionId) {
        return store.pool().withTransaction(tx -> owned(tx, me, sessionId, false)).chain(() -> store.ofSession(
                sessionId));
    }

    /** The caller's pending invitations (to them or their team). */
    public Uni<List<InvitationRow>> pending(StaffMember me) {
        return store.pendingFor(me.id(), me.team(), clock.instant());
    }

    /**
     * The invitee accepts: they join beside the owner, or (a transfer) become the owner, the former owner staying
     * beside them until their console leaves. A team's invitation goes to the first of the team who accepts.
     */
    public Uni<InvitationRow> accept(StaffMember me, UUID invitationId) {
        if (!me.roles().contains(Roles.ADVISOR)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only advisors can join a session on an invitation.");
        }
        Instant now = clock.instant();
        return store.pool().withTransaction(tx -> answerable(tx, me, invitationId, now).chain(inv -> store
                .lockSession(tx, inv.sessionId()).chain(s -> {
                    if (s == null || !OPEN.contains(s.getString("status"))) {
                        throw new ProblemException(ProblemType.SESSION_ENDED,
                                "The session with " + inv.customerName() + " is over.");
                    }
                    if (inv.kind().equals(InvitationRow.TRANSFER)
                            && !s.getUUID("advisor_id").equals(inv.invitedBy())) {
                        throw new ProblemException(ProblemType.INVITATION_ANSWERED,
                                "The session was handed to someone else meanwhile.");
                    }
                    return answer(tx, inv.id(), "ACCEPTED", me, now, "This invitation was answered meanwhile.");
                })
                .chain(() -> inv.kind().equals(InvitationRow.TRANSFER)
                        ? transfer(tx, inv, me, now)
                        : store.seat(tx, inv.sessionId(), me.id(), "ADVISOR", now)
                                .chain(() -> audit.record(tx, me, AuditAction.JOIN, inv.sessionId(), null,
                                        "invited by " + inv.inviterName())))
                .chain(() -> store.find(tx, invitationId))))
                .invoke(inv -> {
                    feed.changed();
                    if (inv.kind().equals(InvitationRow.TRANSFER)) {
                        seats.fire(new SessionSeatChanged(inv.sessionId(), Change.OWNER, me.id().toString(),
                                me.displayName(), me.team()));
                    }
                });
    }

    /** The invitee declines (a team's invitation: declined for the whole team). */
    public Uni<Void> decline(StaffMember me, UUID invitationId) {
        Instant now = clock.instant();
        return store.pool().withTransaction(tx -> answerable(tx, me, invitationId, now).chain(inv -> answer(tx,
                invitationId, "DECLINED", me, now, "This invitation was answered meanwhile."))).invoke(feed::changed);
    }

    /** A supervisor steps into the conversation of a live session (from watching it), or back out. */
    public Uni<Void> step(StaffMember me, UUID sessionId, boolean in) {
        if (!me.isSupervisor()) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only supervisors step into a session.");
        }
        Instant now = clock.instant();
        return store.pool().withTransaction(tx -> store.lockSession(tx, sessionId).chain(s -> {
            if (s == null) {
                throw ProblemException.notFound(ProblemType.UNKNOWN_SESSION, sessionId);
            }
            if (!"ACTIVE".equals(s.getString("status"))) {
                throw new ProblemException(OPEN.contains(s.getString("status"))
                        ? ProblemType.SESSION_STATE_CONFLICT
                        : ProblemType.SESSION_ENDED, "Only a live session can be stepped into or out of.");
            }
            if (s.getUUID("advisor_id").equals(me.id())) {
                throw new ProblemException(ProblemType.SESSION_STATE_CONFLICT, "This is your own session.");
            }
            Uni<Boolean> changed = in
                    ? store.seat(tx, sessionId, me.id(), "SUPERVISOR", now).replaceWith(true)
                    : store.unseat(tx, sessionId, me.id(), "SUPERVISOR");
            return changed.chain(done -> {
                if (!done) {
                    throw new ProblemException(ProblemType.SESSION_STATE_CONFLICT,
                            "You have not stepped into this session.");
                }
                return audit.record(tx, me, in ? AuditAction.STEP_IN : AuditAction.STEP_OUT, sessionId,
                        s.getUUID("customer_id"), null);
            });
        })).invoke(() -> seats.fire(new SessionSeatChanged(sessionId, in ? Change.STEPPED_IN : Change.STEPPED_OUT,
                me.id().toString(), me.displayName(), me.team())));
    }

    /** The session row locked, if {@code me} owns it and it is still open; else the problem. */
    private Uni<Row> owned(SqlClient tx, StaffMember me, UUID sessionId) {
        return owned(tx, me, sessionId, true);
    }

    private Uni<Row> owned(SqlClient tx, StaffMember me, UUID sessionId, boolean open) {
        return store.lockSession(tx, sessionId).invoke(s -> {
            if (s == null) {
                throw ProblemException.notFound(ProblemType.UNKNOWN_SESSION, sessionId);
            }
            if (!s.getUUID("advisor_id").equals(me.id()) || !me.roles().contains(Roles.ADVISOR)) {
                throw new ProblemException(ProblemType.FORBIDDEN,
                        "Only the advisor who owns the session invites colleagues or hands it over.");
            }
            if (open && !OPEN.contains(s.getString("status"))) {
                throw new ProblemException(ProblemType.SESSION_ENDED, "The session is over.");
            }
        });
    }

    /** A person invited must be another staff member with the advisor role; a team must have an advisor in it. */
    private Uni<Void> invitee(SqlClient tx, StaffMember me, UUID inviteeId, String team) {
        if (inviteeId == null) {
            return store.teamExists(team).invoke(exists -> {
                if (!exists) {
                    throw new ProblemException(ProblemType.UNKNOWN_STAFF, "No advisor is in the team " + team + ".");
                }
            }).replaceWithVoid();
        }
        if (inviteeId.equals(me.id())) {
            throw new ProblemException(ProblemType.INVALID_INVITEE, "You cannot invite yourself.");
        }
        return store.staff(tx, inviteeId).invoke(r -> {
            if (r == null) {
                throw new ProblemException(ProblemType.UNKNOWN_STAFF, "No member of staff " + inviteeId + ".");
            }
            if (!Arrays.asList(r.getString("roles").split(",")).contains(Roles.ADVISOR)) {
                throw new ProblemException(ProblemType.INVALID_INVITEE,
                        r.getString("display_name") + " is not an advisor, so they cannot be invited.");
            }
        }).replaceWithVoid();
    }

    /** The invitation, if it is the caller's to answer and still answerable; else the problem. */
    private Uni<InvitationRow> answerable(SqlClient tx, StaffMember me, UUID invitationId, Instant now) {
        return store.find(tx, invitationId).invoke(inv -> {
            if (inv == null) {
                throw ProblemException.notFound(ProblemType.UNKNOWN_INVITATION, invitationId);
            }
            if (!inv.isFor(me.id(), me.team())) {
                throw new ProblemException(ProblemType.FORBIDDEN, "This invitation is for someone else.");
            }
            String state = inv.state(now);
            if (state.equals("expired")) {
                throw new ProblemException(ProblemType.INVITATION_EXPIRED, "This invitation expired at "
                        + inv.expiresAt() + ".");
            }
            if (!state.equals("pending")) {
                throw new ProblemException(ProblemType.INVITATION_ANSWERED, "This invitation was already " + state
                        + (inv.answererName() != null && !"withdrawn".equals(state)
                                ? " by " + inv.answererName()
                                : "")
                        + ".");
            }
        });
    }

    /**
     * Answers the invitation (ACCEPTED, DECLINED, WITHDRAWN) as {@code me}, unless someone was first (a team-mate, a
     * withdrawal, the invitee): then 409 with {@code refusal}.
     */
    private Uni<Void> answer(SqlClient tx, UUID invitationId, String status, StaffMember me, Instant now,
            String refusal) {
        return store.answer(tx, invitationId, status, me.id(), now).invoke(done -> {
            if (!done) {
                throw new ProblemException(ProblemType.INVITATION_ANSWERED, refusal);
            }
        }).replaceWithVoid();
    }

    /** The session moves to {@code me}; the former owner stays beside them, seated as a colleague. */
    private Uni<Void> transfer(SqlClient tx, InvitationRow inv, StaffMember me, Instant now) {
        return store.transfer(tx, inv.sessionId(), inv.invitedBy(), me.id()).invoke(moved -> {
            if (!moved) {
                throw new ProblemException(ProblemType.INVITATION_ANSWERED,
                        "The session was handed to someone else meanwhile.");
            }
        }).chain(() -> store.unseat(tx, inv.sessionId(), me.id(), "ADVISOR"))
                .chain(() -> store.seat(tx, inv.sessionId(), inv.invitedBy(), "ADVISOR", now))
                .chain(() -> audit.record(tx, me, AuditAction.TRANSFER, inv.sessionId(), null,
                        "from " + inv.inviterName() + (inv.team() != null ? " (team " + inv.team() + ")" : "")));
    }

    private static String kind(String kind) {
        if (kind == null || kind.isBlank() || kind.equals("join")) {
            return InvitationRow.JOIN;
        }
        if (kind.equals("transfer")) {
            return InvitationRow.TRANSFER;
        }
        throw new ProblemException(ProblemType.INVALID_REQUEST, "kind must be join or transfer, not " + kind + ".");
    }

    /** The audit detail: "join: Ben Baker", "transfer: team Claims" (the audit page makes a sentence of it). */
    private static String describe(InvitationRow inv) {
        return (inv.kind().equals(InvitationRow.TRANSFER) ? "transfer: " : "join: ")
                + (inv.team() != null ? "team " + inv.team() : inv.inviteeName());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

package io.tandem.session.colleague;

import java.time.Instant;
import java.util.UUID;

/** An invitation as the API shows it (docs/protocol.md "Colleagues"). */
public record InvitationView(UUID id, UUID sessionId, String kind, String status, Person invitedBy, Person invitee,
        String team, String note, String customerName, Instant createdAt, Instant expiresAt, Person answeredBy) {

    /** A member of staff, by id and name. */
    public record Person(UUID id, String name) {

        static Person of(UUID id, String name) {
            return id == null ? null : new Person(id, name);
        }
    }

    static InvitationView of(InvitationRow r, Instant now) {
        return new InvitationView(r.id(), r.sessionId(), r.kind().toLowerCase(java.util.Locale.ROOT), r.state(now),
                Person.of(r.invitedBy(), r.inviterName()), Person.of(r.inviteeId(), r.inviteeName()), r.team(),
                r.note(), r.customerName(), r.createdAt(), r.expiresAt(), Person.of(r.answeredBy(), r.answererName()));
    }
}

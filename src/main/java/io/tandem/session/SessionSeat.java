package io.tandem.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A staff member seated in a session beside its owner (table {@code session_colleague}: an advisor who joined on an
 * invitation or owned it before a transfer, or a supervisor who stepped in). Written by the colleague store over the
 * reactive pool; mapped here, read only, so the session log's queries can ask who took part.
 */
@Entity
@Table(name = "session_colleague")
@IdClass(SessionSeat.Key.class)
public class SessionSeat {

    @Id
    @Column(name = "session_id")
    public UUID sessionId;

    @Id
    @Column(name = "staff_id")
    public UUID staffId;

    public String seat;

    public Instant since;

    /** The composite key: one seat per person and session. */
    public static class Key implements Serializable {
        public UUID sessionId;
        public UUID staffId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(sessionId, k.sessionId) && Objects.equals(staffId, k.staffId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(sessionId, staffId);
        }
    }
}

package io.tandem.document.service;

import io.smallrye.mutiny.Uni;
import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import io.tandem.document.DocumentVersion;
import io.tandem.document.repository.SessionDocumentStore;
import io.tandem.security.CustomerCredential;
import io.tandem.session.SessionStatus;
import io.tandem.session.repository.SessionRow;
import io.tandem.session.service.SessionDirectory;
import io.tandem.staff.Roles;
import io.tandem.staff.StaffMember;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Who may read which document: staff read the library; a customer-specific document only its session's advisor,
 * supervisors and admins; a customer only versions shared in their own session, and only while it is live.
 */
@ApplicationScoped
public class DocumentAccess {

    private final SessionDirectory sessions;
    private final SessionDocumentStore shared;

    public DocumentAccess(SessionDirectory sessions, SessionDocumentStore shared) {
        this.sessions = sessions;
        this.shared = shared;
    }

    /** The version if this staff member may read it; 404 for unknown, 403 for another advisor's session document. */
    public Uni<DocumentVersion> staffRead(StaffMember me, DocumentVersion v, UUID id) {
        if (v == null) {
            throw ProblemException.notFound(ProblemType.UNKNOWN_DOCUMENT, id);
        }
        if (v.sessionId() == null || me.isSupervisor() || me.roles().contains(Roles.ADMIN)) {
            return Uni.createFrom().item(v);
        }
        return session(v.sessionId()).map(row -> {
            if (!row.isAdvisedBy(me)) {
                throw new ProblemException(ProblemType.FORBIDDEN, "This document belongs to another advisor's session");
            }
            return v;
        });
    }

    /** The version if it is shared in the customer's session and that session is live; 403 otherwise. */
    public Uni<DocumentVersion> customerRead(CustomerCredential credential, DocumentVersion v, UUID id) {
        if (v == null) {
            throw ProblemException.notFound(ProblemType.UNKNOWN_DOCUMENT, id);
        }
        return live(credential.sessionId()).chain(() -> shared.isShared(credential.sessionId(), v.id()))
                .map(isShared -> {
                    if (!isShared) {
                        throw new ProblemException(ProblemType.FORBIDDEN,
                                "This document is not shared in your session");
                    }
                    return v;
                });
    }

    /** The session, which must be live (active); 403 once it is over or before consent. */
    public Uni<SessionRow> live(UUID sessionId) {
        return session(sessionId).map(row -> {
            if (row.session().status != SessionStatus.ACTIVE) {
                throw new ProblemException(ProblemType.FORBIDDEN, "The session is not live");
            }
            return row;
        });
    }

    /** The session, which this advisor must own and which must not be over. */
    public Uni<SessionRow> ownOpenSession(StaffMember me, UUID sessionId) {
        return session(sessionId).map(row -> {
            if (!row.isAdvisedBy(me)) {
                throw new ProblemException(ProblemType.FORBIDDEN, "Only the session's advisor can do this");
            }
            if (row.session().status.isFinished()) {
                throw new ProblemException(ProblemType.SESSION_STATE_CONFLICT, "The session is over");
            }
            return row;
        });
    }

    /** The session, which this staff member may see (its advisor, supervisors, admins). */
    public Uni<SessionRow> visibleSession(StaffMember me, UUID sessionId) {
        return session(sessionId).map(row -> {
            if (!row.isAdvisedBy(me) && !me.isSupervisor() && !me.roles().contains(Roles.ADMIN)) {
                throw new ProblemException(ProblemType.FORBIDDEN, "This is another advisor's session");
            }
            return row;
        });
    }

    private Uni<SessionRow> session(UUID id) {
        return sessions.find(id).map(row -> {
            if (row == null) {
                throw ProblemException.notFound(ProblemType.UNKNOWN_SESSION, id);
            }
            return row;
        });
    }
}

package io.tandem.document.service;

import io.smallrye.mutiny.Uni;
import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import io.tandem.document.DocumentVersion;
import io.tandem.document.repository.SessionDocumentStore;
import io.tandem.security.CustomerCredential;
import io.tandem.session.access.Access;
import io.tandem.session.access.Refusal;
import io.tandem.session.access.SessionAccess;
import io.tandem.staff.StaffMember;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Who may read which document: staff read the library; a customer-specific document only those who may see its
 * session's records; a customer only versions shared in their own session, and only while it is live. Who may be in
 * which session is the session feature's policy ({@link SessionAccess}), the one the relay asks too.
 */
@ApplicationScoped
public class DocumentAccess {

    private final SessionAccess sessions;
    private final SessionDocumentStore shared;

    public DocumentAccess(SessionAccess sessions, SessionDocumentStore shared) {
        this.sessions = sessions;
        this.shared = shared;
    }

    /** The version if this staff member may read it; 404 for unknown, 403 for another advisor's session document. */
    public Uni<DocumentVersion> staffRead(StaffMember me, DocumentVersion v, UUID id) {
        if (v == null) {
            throw ProblemException.notFound(ProblemType.UNKNOWN_DOCUMENT, id);
        }
        if (v.sessionId() == null || sessions.seesEverySession(me)) {
            return Uni.createFrom().item(v);
        }
        return visibleSession(me, v.sessionId(), "This document belongs to another advisor's session").replaceWith(v);
    }

    /** The version if it is shared in the customer's session and that session is live; 403 otherwise. */
    public Uni<DocumentVersion> customerRead(CustomerCredential credential, DocumentVersion v, UUID id) {
        if (v == null) {
            throw ProblemException.notFound(ProblemType.UNKNOWN_DOCUMENT, id);
        }
        return live(credential).chain(() -> shared.isShared(credential.sessionId(), v.id()))
                .map(isShared -> {
                    if (!isShared) {
                        throw new ProblemException(ProblemType.FORBIDDEN,
                                "This document is not shared in your session");
                    }
                    return v;
                });
    }

    /** The customer's session, which must be live (active); 403 once it is over or before consent. */
    public Uni<Access> live(CustomerCredential credential) {
        return sessions.customerLive(credential, credential.sessionId()).map(a -> granted(a,
                "The session is not live"));
    }

    /** The session, which this advisor must own and which must not be over. */
    public Uni<Access> ownOpenSession(StaffMember me, UUID sessionId) {
        return sessions.ownOpen(me, sessionId).map(a -> {
            if (a.refusal() == Refusal.SESSION_OVER) {
                throw new ProblemException(ProblemType.SESSION_STATE_CONFLICT, "The session is over");
            }
            return granted(a, "Only the session's advisor can do this");
        });
    }

    /** The session, which this staff member may see (its advisor, supervisors, admins). */
    public Uni<Access> visibleSession(StaffMember me, UUID sessionId) {
        return visibleSession(me, sessionId, "This is another advisor's session");
    }

    private Uni<Access> visibleSession(StaffMember me, UUID sessionId, String refused) {
        return sessions.records(me, sessionId).map(a -> granted(a, refused));
    }

    /** The access if granted; 404 for an unknown session, else 403 with {@code refused}. */
    private static Access granted(Access a, String refused) {
        if (a.refusal() == Refusal.UNKNOWN_SESSION) {
            throw ProblemException.notFound(ProblemType.UNKNOWN_SESSION, a.sessionId());
        }
        if (!a.granted()) {
            throw new ProblemException(ProblemType.FORBIDDEN, refused);
        }
        return a;
    }
}

package io.tandem.document.service;

import io.tandem.touchpoint.ViewedDocument;
import io.smallrye.mutiny.Uni;
import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import io.tandem.document.DocumentVersion;
import io.tandem.document.repository.DocumentStore;
import io.tandem.document.repository.SessionDocumentStore;
import io.tandem.security.CustomerCredential;
import io.tandem.staff.StaffMember;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Documents in one session: sharing a version with the customer, the customer's sign-offs, what was viewed. */
@ApplicationScoped
public class SessionDocuments {

    private final DocumentStore documents;
    private final SessionDocumentStore store;
    private final DocumentAccess access;
    private final Clock clock;

    public SessionDocuments(DocumentStore documents, SessionDocumentStore store, DocumentAccess access, Clock clock) {
        this.documents = documents;
        this.store = store;
        this.access = access;
        this.clock = clock;
    }

    /**
     * The session's advisor shares a version (a library document, or one uploaded for this session); from then on
     * the customer may read it while the session is live.
     */
    public Uni<DocumentVersion> share(StaffMember me, UUID sessionId, UUID versionId) {
        return access.ownOpenSession(me, sessionId).chain(() -> documents.version(versionId)).map(v -> {
            if (v == null) {
                throw ProblemException.notFound(ProblemType.UNKNOWN_DOCUMENT, versionId);
            }
            if (v.sessionId() != null && !v.sessionId().equals(sessionId)) {
                throw new ProblemException(ProblemType.FORBIDDEN, "This document was uploaded for another session");
            }
            return v;
        }).call(v -> store.share(sessionId, versionId, me.id(), clock.instant()));
    }

    public Uni<List<DocumentVersion>> sharedForStaff(StaffMember me, UUID sessionId) {
        return access.visibleSession(me, sessionId).chain(() -> store.shared(sessionId));
    }

    public Uni<List<DocumentVersion>> sharedForCustomer(CustomerCredential credential) {
        return access.live(credential).chain(() -> store.shared(credential.sessionId()));
    }

    /** The customer signs that they read a clause of a shared version; recorded with its SHA-256 and the time. */
    public Uni<SessionDocumentStore.Acknowledgement> acknowledge(CustomerCredential credential, UUID versionId,
            String clause, String name) {
        return documents.version(versionId).chain(v -> access.customerRead(credential, v, versionId)).chain(v -> {
            var ack = new SessionDocumentStore.Acknowledgement(UUID.randomUUID(), v.id(), clause.strip(),
                    name.strip(), v.sha256(), clock.instant());
            return store.acknowledge(credential.sessionId(), ack).replaceWith(ack);
        });
    }

    public Uni<List<SessionDocumentStore.Acknowledgement>> acknowledgements(StaffMember me, UUID sessionId) {
        return access.visibleSession(me, sessionId).chain(() -> store.acknowledgements(sessionId));
    }

    public Uni<List<ViewedDocument>> viewings(StaffMember me, UUID sessionId) {
        return access.visibleSession(me, sessionId).chain(() -> store.viewings(sessionId));
    }
}

package io.tandem.document.service;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tandem.api.Page;
import io.tandem.api.Paging;
import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import io.tandem.config.DocumentConfig;
import io.tandem.document.DocumentMetadata;
import io.tandem.document.DocumentVersion;
import io.tandem.document.repository.DocumentStore;
import io.tandem.staff.StaffMember;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** The document library: uploads (checked, sanitised, de-duplicated), versions, search and content. */
@ApplicationScoped
public class DocumentService {

    private final DocumentStore store;
    private final DocumentAccess access;
    private final DocumentConfig config;
    private final Clock clock;

    public DocumentService(DocumentStore store, DocumentAccess access, DocumentConfig config, Clock clock) {
        this.store = store;
        this.access = access;
        this.config = config;
        this.clock = clock;
    }

    /**
     * A new document with its first version. Content already in the library (same SHA-256) is refused with 409
     * naming the existing version, as is a customer-specific document whose session is not the caller's or is over.
     */
    public Uni<DocumentVersion> create(StaffMember me, DocumentMetadata meta, byte[] bytes) {
        meta.forNewDocument();
        Uni<?> session = meta.sessionId() == null
                ? Uni.createFrom().voidItem()
                : access.ownOpenSession(me, meta.sessionId());
        UUID documentId = UUID.randomUUID();
        return session.chain(() -> check(bytes)).chain(checked -> {
            DocumentVersion v = version(me, documentId, meta, checked);
            Uni<DocumentVersion> existing = meta.sessionId() == null
                    ? store.withContent(null, v.sha256())
                    : Uni.createFrom().nullItem();
            return existing.chain(found -> {
                if (found != null) {
                    throw duplicate(found);
                }
                return store.insertDocument(v, me.id(), checked.content()).chain(() -> store.version(v.id()));
            });
        });
    }

    /** Another version of a document; the same content as one of its versions is refused with 409. */
    public Uni<DocumentVersion> addVersion(StaffMember me, UUID documentId, DocumentMetadata meta, byte[] bytes) {
        meta.forNewVersion();
        return store.latest(documentId).chain(latest -> access.staffRead(me, latest, documentId))
                .chain(latest -> check(bytes).chain(checked -> {
                    DocumentVersion v = version(me, documentId,
                            new DocumentMetadata(latest.title(), latest.productLine(), meta.versionLabel(),
                                    meta.language(), latest.sessionId()),
                            checked);
                    return store.withContent(documentId, v.sha256()).chain(found -> {
                        if (found != null) {
                            throw duplicate(found);
                        }
                        return store.insertVersion(v, checked.content())
                                .onFailure(PgException.class).transform(e -> isUniqueViolation(e)
                                        ? new ProblemException(ProblemType.DUPLICATE_DOCUMENT,
                                                "This content is already a version of the document")
                                        : e)
                                .chain(() -> store.version(v.id()));
                    });
                }));
    }

    /** Latest versions of library documents, or of one session's own documents, matching title or product line. */
    public Uni<Page<DocumentVersion>> search(StaffMember me, String query, UUID sessionId, Paging paging) {
        Uni<?> allowed = sessionId == null ? Uni.createFrom().voidItem() : access.visibleSession(me, sessionId);
        return allowed.chain(() -> store.search(query, sessionId, paging.page(), paging.size()))
                .chain(items -> store.count(query, sessionId)
                        .map(total -> new Page<>(items, paging.page(), paging.size(), total)));
    }

    public Uni<List<DocumentVersion>> versions(StaffMember me, UUID documentId) {
        return store.latest(documentId).chain(latest -> access.staffRead(me, latest, documentId))
                .chain(() -> store.versions(documentId));
    }

    public Uni<DocumentVersion> version(StaffMember me, UUID versionId) {
        return store.version(versionId).chain(v -> access.staffRead(me, v, versionId));
    }

    /** A version without access checks (callers check with {@link DocumentAccess}). */
    public Uni<DocumentVersion> find(UUID versionId) {
        return store.version(versionId);
    }

    public Uni<byte[]> content(UUID versionId) {
        return store.content(versionId);
    }

    private Uni<ContentCheck.Checked> check(byte[] bytes) {
        if (bytes.length > config.maxBytes()) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                    "Documents may be at most " + config.maxBytes() + " bytes");
        }
        // parsing is blocking: on a worker, then back on the caller's event-loop context for the database calls
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        Uni<ContentCheck.Checked> checked = Uni.createFrom().item(() -> ContentCheck.check(bytes, config.maxPages()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return context == null ? checked : checked.emitOn(r -> context.runOnContext(v -> r.run()));
    }

    private DocumentVersion version(StaffMember me, UUID documentId, DocumentMetadata meta,
            ContentCheck.Checked checked) {
        return new DocumentVersion(UUID.randomUUID(), documentId, meta.title(), meta.productLine(), meta.sessionId(),
                0, meta.versionLabel(), meta.language(), checked.kind(), checked.content().length,
                sha256(checked.content()), checked.pages(), me.id(), clock.instant());
    }

    private static ProblemException duplicate(DocumentVersion found) {
        return new ProblemException(ProblemType.DUPLICATE_DOCUMENT, "The same content is already stored as version "
                + found.id() + " of document " + found.documentId());
    }

    static byte[] sha256(byte[] content) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(content);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isUniqueViolation(PgException e) {
        return "23505".equals(e.getSqlState());
    }
}

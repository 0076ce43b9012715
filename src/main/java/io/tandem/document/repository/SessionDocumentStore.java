package io.tandem.document.repository;

import io.tandem.touchpoint.ViewedDocument;
import io.tandem.touchpoint.ViewedDocuments;
import io.smallrye.mutiny.Uni;
import io.tandem.document.DocumentVersion;
import io.tandem.document.DocumentViewing;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Documents in sessions: which versions were shared, the customer's sign-offs, and what was viewed. */
@ApplicationScoped
public class SessionDocumentStore implements ViewedDocuments {

    /** A stored sign-off. */
    public record Acknowledgement(UUID id, UUID versionId, String clause, String name, byte[] sha256, Instant at) {}

    private final Pool db;

    public SessionDocumentStore(Pool db) {
        this.db = db;
    }

    /** Shares a version in a session; sharing it again changes nothing. */
    public Uni<Void> share(UUID sessionId, UUID versionId, UUID by, Instant at) {
        return db.preparedQuery("insert into session_document (session_id, version_id, shared_by, shared_at)"
                + " values ($1, $2, $3, $4) on conflict do nothing")
                .execute(Tuple.of(sessionId, versionId, by, at.atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }

    public Uni<Boolean> isShared(UUID sessionId, UUID versionId) {
        return db.preparedQuery("select 1 from session_document where session_id = $1 and version_id = $2")
                .execute(Tuple.of(sessionId, versionId)).map(rows -> rows.size() > 0);
    }

    /** The versions shared in a session, in the order they were first shared. */
    public Uni<List<DocumentVersion>> shared(UUID sessionId) {
        return db.preparedQuery("select v.id, v.document_id, d.title, d.product_line, d.session_id, v.number,"
                + " v.version_label, v.language, v.content_type, v.size_bytes, v.sha256, v.pages, v.uploaded_by,"
                + " v.created_at from session_document s join document_version v on v.id = s.version_id"
                + " join document d on d.id = v.document_id where s.session_id = $1 order by s.shared_at, v.id")
                .execute(Tuple.of(sessionId)).map(DocumentStore::all);
    }

    public Uni<Void> acknowledge(UUID sessionId, Acknowledgement a) {
        return db.preparedQuery("insert into document_acknowledgement (id, session_id, version_id, clause, name,"
                + " sha256, at) values ($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.from(List.of(a.id(), sessionId, a.versionId(), a.clause(), a.name(),
                        Buffer.buffer(a.sha256()), a.at().atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
    }

    public Uni<List<Acknowledgement>> acknowledgements(UUID sessionId) {
        return db.preparedQuery("select * from document_acknowledgement where session_id = $1 order by at, id")
                .execute(Tuple.of(sessionId)).map(rows -> {
                    List<Acknowledgement> list = new ArrayList<>();
                    for (Row r : rows) {
                        list.add(new Acknowledgement(r.getUUID("id"), r.getUUID("version_id"), r.getString("clause"),
                                r.getString("name"), r.getBuffer("sha256").getBytes(),
                                DocumentStore.instant(r, "at")));
                    }
                    return list;
                });
    }

    /** Adds viewing time and pages (merged with those already recorded) in one statement per version. */
    /**
     * Adds viewings in one transaction, once per batch: a batch id stored before (the same batch written again after a
     * failure whose commit went through) adds nothing.
     */
    public Uni<Void> addViewings(UUID batchId, List<DocumentViewing> viewings) {
        if (viewings.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> batch = viewings.stream().map(v -> Tuple.from(Arrays.asList(v.sessionId(), v.versionId(),
                v.seconds(), v.pages().stream().mapToInt(Integer::intValue).boxed().toArray(Integer[]::new),
                v.at().atOffset(ZoneOffset.UTC)))).toList();
        return db.withTransaction(tx -> tx
                .preparedQuery("insert into counter_batch (id) values ($1) on conflict do nothing")
                .execute(Tuple.of(batchId)).chain(claimed -> claimed.rowCount() == 0
                        ? Uni.createFrom().voidItem()
                        : tx.preparedQuery("insert into document_viewing (session_id, version_id, seconds, pages,"
                                + " first_at, last_at) values ($1, $2, $3, $4, $5, $5) on conflict (session_id,"
                                + " version_id) do update set seconds = document_viewing.seconds + excluded.seconds,"
                                + " pages = (select array_agg(distinct p order by p) from unnest(document_viewing.pages"
                                + " || excluded.pages) p), last_at = excluded.last_at")
                                .executeBatch(batch).replaceWithVoid()));
    }

    /** What was viewed in a session, with each version's document title and label, first viewed first. */
    public Uni<List<ViewedDocument>> viewings(UUID sessionId) {
        return viewedIn(List.of(sessionId)).map(m -> m.getOrDefault(sessionId, List.of()));
    }

    /** The same for several sessions at once (a page of the timeline), by session. */
    @Override
    public Uni<Map<UUID, List<ViewedDocument>>> viewedIn(List<UUID> sessionIds) {
        if (sessionIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return db.preparedQuery("select w.session_id, w.version_id, d.id as document_id, d.title, v.version_label,"
                + " v.number, w.seconds, w.pages, w.first_at, w.last_at from document_viewing w"
                + " join session_document s on s.session_id = w.session_id and s.version_id = w.version_id"
                + " join document_version v on v.id = w.version_id join document d on d.id = v.document_id"
                + " where w.session_id = any($1) order by w.first_at, w.version_id")
                .execute(Tuple.of(sessionIds.toArray(UUID[]::new))).map(rows -> {
                    Map<UUID, List<ViewedDocument>> bySession = new java.util.HashMap<>();
                    for (Row r : rows) {
                        List<ViewedDocument> list = bySession.computeIfAbsent(r.getUUID("session_id"),
                                k -> new ArrayList<>());
                        list.add(new ViewedDocument(r.getUUID("version_id"), r.getUUID("document_id"),
                                r.getString("title"), r.getString("version_label"), r.getInteger("number"),
                                r.getLong("seconds"), Arrays.asList(r.getArrayOfIntegers("pages")),
                                DocumentStore.instant(r, "first_at"), DocumentStore.instant(r, "last_at")));
                    }
                    return bySession;
                });
    }
}

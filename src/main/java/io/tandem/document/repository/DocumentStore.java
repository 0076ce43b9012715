package io.tandem.document.repository;

import io.smallrye.mutiny.Uni;
import io.tandem.document.DocumentKind;
import io.tandem.document.DocumentVersion;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Documents, their versions and content in PostgreSQL, through the reactive client. */
@ApplicationScoped
public class DocumentStore {

    private static final String VERSION_COLUMNS = "v.id, v.document_id, d.title, d.product_line, d.session_id,"
            + " v.number, v.version_label, v.language, v.content_type, v.size_bytes, v.sha256, v.pages,"
            + " v.uploaded_by, v.created_at";
    private static final String FROM = " from document_version v join document d on d.id = v.document_id";

    private final Pool db;

    public DocumentStore(Pool db) {
        this.db = db;
    }

    /** Stores a new document with its first version, in one transaction. */
    public Uni<Void> insertDocument(DocumentVersion v, UUID createdBy, byte[] content) {
        return db.withTransaction(tx -> tx.preparedQuery("insert into document (id, title, product_line, session_id,"
                + " created_by, created_at) values ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.of(v.documentId(), v.title(), v.productLine(), v.sessionId(), createdBy,
                        v.createdAt().atOffset(ZoneOffset.UTC)))
                .chain(() -> insertVersion(tx, v, content)));
    }

    /** Stores another version of a document, numbered after its latest. */
    public Uni<Void> insertVersion(DocumentVersion v, byte[] content) {
        return db.withTransaction(tx -> tx.preparedQuery("select id from document where id = $1 for update")
                .execute(Tuple.of(v.documentId())).chain(() -> insertVersion(tx, v, content)));
    }

    private Uni<Void> insertVersion(SqlClient tx, DocumentVersion v, byte[] content) {
        return tx.preparedQuery("insert into document_version (id, document_id, number, version_label, language,"
                + " content_type, size_bytes, sha256, pages, uploaded_by, created_at) select $1, $2,"
                + " coalesce(max(number), 0) + 1, $3, $4, $5, $6, $7, $8, $9, $10 from document_version"
                + " where document_id = $2")
                .execute(Tuple.from(Arrays.asList(v.id(), v.documentId(), v.versionLabel(), v.language(),
                        v.kind().mediaType(), v.sizeBytes(), Buffer.buffer(v.sha256()), v.pages(), v.uploadedBy(),
                        v.createdAt().atOffset(ZoneOffset.UTC))))
                .chain(() -> tx.preparedQuery("insert into document_content (version_id, content) values ($1, $2)")
                        .execute(Tuple.of(v.id(), Buffer.buffer(content))))
                .replaceWithVoid();
    }

    public Uni<DocumentVersion> version(UUID versionId) {
        return db.preparedQuery("select " + VERSION_COLUMNS + FROM + " where v.id = $1").execute(Tuple.of(versionId))
                .map(DocumentStore::first);
    }

    /** The latest version of a document, or null. */
    public Uni<DocumentVersion> latest(UUID documentId) {
        return db.preparedQuery("select " + VERSION_COLUMNS + FROM + " where v.document_id = $1"
                + " order by v.number desc limit 1").execute(Tuple.of(documentId)).map(DocumentStore::first);
    }

    /** A version with this content: of the given document, or (documentId null) of any library document. */
    public Uni<DocumentVersion> withContent(UUID documentId, byte[] sha256) {
        String where = documentId == null
                ? " where d.session_id is null and v.sha256 = $1"
                : " where v.sha256 = $1 and v.document_id = $2";
        Tuple args = documentId == null
                ? Tuple.of(Buffer.buffer(sha256))
                : Tuple.of(Buffer.buffer(sha256), documentId);
        return db.preparedQuery("select " + VERSION_COLUMNS + FROM + where + " order by v.created_at limit 1")
                .execute(args).map(DocumentStore::first);
    }

    public Uni<List<DocumentVersion>> versions(UUID documentId) {
        return db.preparedQuery("select " + VERSION_COLUMNS + FROM + " where v.document_id = $1 order by v.number desc")
                .execute(Tuple.of(documentId)).map(DocumentStore::all);
    }

    public Uni<byte[]> content(UUID versionId) {
        return db.preparedQuery("select content from document_content where version_id = $1")
                .execute(Tuple.of(versionId))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getBuffer(0).getBytes() : null);
    }

    /**
     * Latest versions of library documents (or of one session's own documents) whose title or product line contains
     * the query, by title.
     */
    public Uni<List<DocumentVersion>> search(String query, UUID sessionId, int page, int size) {
        return db.preparedQuery("select " + VERSION_COLUMNS + FROM + searchWhere()
                + " and v.number = (select max(number) from document_version where document_id = d.id)"
                + " order by lower(d.title), d.id limit $3 offset $4")
                .execute(Tuple.of(like(query), sessionId, size, page * size)).map(DocumentStore::all);
    }

    public Uni<Long> count(String query, UUID sessionId) {
        return db.preparedQuery("select count(*) from document d" + searchWhere())
                .execute(Tuple.of(like(query), sessionId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private static String searchWhere() {
        return " where (lower(d.title) like $1 escape '\\' or lower(d.product_line) like $1 escape '\\')"
                + " and d.session_id is not distinct from $2";
    }

    private static String like(String query) {
        String q = query == null ? "" : query.toLowerCase(java.util.Locale.ROOT);
        return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    static DocumentVersion first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? map(it.next()) : null;
    }

    static List<DocumentVersion> all(RowSet<Row> rows) {
        List<DocumentVersion> list = new ArrayList<>();
        rows.forEach(r -> list.add(map(r)));
        return list;
    }

    static DocumentVersion map(Row r) {
        return new DocumentVersion(r.getUUID("id"), r.getUUID("document_id"), r.getString("title"),
                r.getString("product_line"), r.getUUID("session_id"), r.getInteger("number"),
                r.getString("version_label"), r.getString("language"), DocumentKind.of(r.getString("content_type")),
                r.getInteger("size_bytes"), r.getBuffer("sha256").getBytes(), r.getInteger("pages"),
                r.getUUID("uploaded_by"), instant(r, "created_at"));
    }

    static Instant instant(Row r, String column) {
        return r.getOffsetDateTime(column).toInstant();
    }
}

package io.tandem.recording;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Recording chunks in PostgreSQL, through the reactive client (never on the relay's path). Every chunk written is
 * sealed with the server's key ({@link ChainSeal}) as it is stored.
 */
@ApplicationScoped
public class RecordingStore {

    /**
     * The newest stored chunk of a session: where its chain continues, and whether the server that wrote it left in
     * order (it was the final chunk, or the server paused the recording as it shut down).
     */
    public record Tip(int seq, byte[] sha256, boolean leftInOrder) {}

    private final Pool db;
    private final ChainSeal seal;

    public RecordingStore(Pool db, ChainSeal seal) {
        this.db = db;
        this.seal = seal;
    }

    /**
     * When the session's customer was erased (GDPR erasure deletes their recordings with their data), or null: a replay
     * of such a session is gone, not empty.
     */
    public Uni<java.time.OffsetDateTime> customerErasedAt(UUID sessionId) {
        return db.preparedQuery("select c.erased_at from cobrowse_session s join customer c on c.id = s.customer_id"
                + " where s.id = $1").execute(Tuple.of(sessionId)).map(rows -> {
                    var it = rows.iterator();
                    return it.hasNext() ? it.next().getOffsetDateTime("erased_at") : null;
                });
    }

    public Uni<Tip> tip(UUID sessionId) {
        return db.preparedQuery("select seq, content_sha256, final, paused from recording_chunk where session_id = $1"
                + " order by seq desc limit 1").execute(Tuple.of(sessionId))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return null;
                    }
                    Row r = it.next();
                    return new Tip(r.getInteger("seq"), r.getBuffer("content_sha256").getBytes(),
                            r.getBoolean("final") || r.getBoolean("paused"));
                });
    }

    /** Writes a chunk, sealed; writing the same chunk again (a retry) changes nothing. */
    public Uni<Void> insert(Chunk c) {
        return db.preparedQuery("insert into recording_chunk (session_id, seq, created_at, first_at, last_at, frames,"
                + " dropped, final, content, content_sha256, prev_sha256, replayable, seal, paused, after_gap) values ($1,"
                + " $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) on conflict (session_id, seq) do nothing")
                .execute(Tuple.from(List.of(c.sessionId(), c.seq(), c.createdAt().atOffset(ZoneOffset.UTC),
                        c.firstAt().atOffset(ZoneOffset.UTC), c.lastAt().atOffset(ZoneOffset.UTC), c.frames(),
                        c.dropped(), c.last(), io.vertx.core.buffer.Buffer.buffer(c.content()),
                        io.vertx.core.buffer.Buffer.buffer(c.contentSha256()),
                        io.vertx.core.buffer.Buffer.buffer(c.prevSha256()), c.replayable(),
                        io.vertx.core.buffer.Buffer.buffer(seal.seal(c)), c.paused(), c.afterGap())))
                .replaceWithVoid();
    }

    /** A session's chunks in order. */
    public Uni<List<Chunk>> chunks(UUID sessionId) {
        return db.preparedQuery("select * from recording_chunk where session_id = $1 order by seq")
                .execute(Tuple.of(sessionId))
                .map(rows -> {
                    List<Chunk> list = new ArrayList<>();
                    for (Row r : rows) {
                        list.add(new Chunk(sessionId, r.getInteger("seq"),
                                r.getOffsetDateTime("created_at").toInstant(),
                                r.getOffsetDateTime("first_at").toInstant(), r.getOffsetDateTime("last_at").toInstant(),
                                r.getInteger("frames"), r.getInteger("dropped"), r.getBoolean("final"),
                                r.getBuffer("content").getBytes(), r.getBuffer("content_sha256").getBytes(),
                                r.getBuffer("prev_sha256").getBytes(), r.getBoolean("replayable"),
                                r.getBuffer("seal") == null ? null : r.getBuffer("seal").getBytes(),
                                r.getBoolean("paused"), r.getBoolean("after_gap")));
                    }
                    return list;
                });
    }
}

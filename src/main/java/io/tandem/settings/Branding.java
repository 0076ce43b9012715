package io.tandem.settings;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tandem.config.TandemConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * The firm's branding (name, primary colour, logo) an admin sets at run time, over the configured defaults. Pages read
 * an in-memory snapshot; it is replaced on every change and reloaded every 30 s so that other replicas follow.
 */
@ApplicationScoped
public class Branding {

    private static final Logger LOG = Logger.getLogger(Branding.class);
    /** The default primary colour: the navy of Tandem's own banner and console header. */
    static final String DEFAULT_COLOUR = "#163a63";
    static final String LOGO_PATH = "/api/branding/logo";

    /** A logo as served: its bytes, content type and content hash. */
    public record Logo(byte[] content, String type, String sha) {}

    private record Snapshot(BrandingView view, Logo logo) {}

    private final Pool db;
    private final Clock clock;
    private final String defaultName;
    private volatile Snapshot current;

    public Branding(Pool db, Clock clock, TandemConfig config) {
        this.db = db;
        this.clock = clock;
        this.defaultName = config.site().name();
        this.current = new Snapshot(view(null, null, null, null, null), null);
    }

    /** The branding in effect now. */
    public BrandingView current() {
        return current.view();
    }

    /** The logo in effect now, or null. */
    public Logo logo() {
        return current.logo();
    }

    /** Stores a change of name and/or colour (fields left out keep theirs) and puts it into effect on this node. */
    public Uni<BrandingView> change(BrandingRequest request, String by) {
        String name = request.name() == null ? null : request.name().strip();
        String colour = request.colour() == null ? null : request.colour().toLowerCase(Locale.ROOT);
        return upsert("name = coalesce($2, name), colour = coalesce($3, colour)",
                Tuple.of(by, name, colour)).chain(this::reload);
    }

    /** Stores a checked logo (replacing any) and puts it into effect on this node. */
    public Uni<BrandingView> changeLogo(BrandingLogo.Checked logo, String by) {
        return upsert("logo = $2, logo_type = $3, logo_sha = $4",
                Tuple.of(by, Buffer.buffer(logo.content()), logo.type(), sha(logo.content()))).chain(this::reload);
    }

    /** Removes the logo. */
    public Uni<BrandingView> removeLogo(String by) {
        return upsert("logo = null, logo_type = null, logo_sha = null", Tuple.of(by)).chain(this::reload);
    }

    /** One row, made on the first change; $1 is who changes it, the columns' values follow. */
    private Uni<Void> upsert(String set, Tuple values) {
        var at = clock.instant().atOffset(ZoneOffset.UTC);
        String by = values.getString(0);
        values.addOffsetDateTime(at);
        return db.preparedQuery("insert into branding (id, updated_by, updated_at) values (1, $1, $2)"
                + " on conflict (id) do nothing").execute(Tuple.of(by, at))
                .chain(() -> db.preparedQuery("update branding set " + set + ", updated_by = $1, updated_at = $"
                        + values.size() + " where id = 1").execute(values))
                .replaceWithVoid();
    }

    /** Reads the stored branding into the snapshot (the logo's bytes only when its hash changed). */
    public Uni<BrandingView> reload() {
        return db.query("select name, colour, logo_type, logo_sha, updated_by, updated_at from branding").execute()
                .chain(rows -> {
                    Row r = rows.iterator().hasNext() ? rows.iterator().next() : null;
                    String sha = r == null ? null : r.getString("logo_sha");
                    Logo kept = current.logo();
                    Uni<Logo> logo = sha == null
                            ? Uni.createFrom().nullItem()
                            : kept != null && kept.sha().equals(sha)
                                    ? Uni.createFrom().item(kept)
                                    : db.query("select logo, logo_type, logo_sha from branding").execute()
                                            .map(Branding::logoOf);
                    return logo.map(l -> {
                        BrandingView view = r == null
                                ? view(null, null, null, null, null)
                                : view(r.getString("name"), r.getString("colour"), l,
                                        r.getString("updated_by"), r.getOffsetDateTime("updated_at").toInstant());
                        current = new Snapshot(view, l);
                        return view;
                    });
                });
    }

    private static Logo logoOf(RowSet<Row> rows) {
        Row r = rows.iterator().next();
        return r.getString("logo_sha") == null
                ? null
                : new Logo(r.getBuffer("logo").getBytes(), r.getString("logo_type"), r.getString("logo_sha"));
    }

    private BrandingView view(String name, String colour, Logo logo, String by, java.time.Instant at) {
        String c = colour == null ? DEFAULT_COLOUR : colour;
        return new BrandingView(name == null ? defaultName : name, c, BrandingColours.textOn(c),
                logo == null ? null : LOGO_PATH + "?v=" + logo.sha().substring(0, 16), by, at);
    }

    void onStart(@Observes StartupEvent event) {
        reload().subscribe().with(s -> {}, e -> LOG.warnf("Branding not loaded, using the defaults: %s", e));
    }

    @Scheduled(every = "30s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return reload().onFailure().invoke(e -> LOG.debugf("Branding reload failed: %s", e)).onFailure()
                .recoverWithNull().replaceWithVoid();
    }

    static String sha(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

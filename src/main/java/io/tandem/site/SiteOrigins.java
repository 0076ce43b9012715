package io.tandem.site;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import io.tandem.audit.AuditAction;
import io.tandem.audit.AuditLog;
import io.tandem.config.RelayConfig;
import io.tandem.config.TandemConfig;
import io.tandem.security.Origins;
import io.tandem.signaling.WebSocketOrigins;
import io.tandem.staff.StaffMember;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The firm's site origins: the configured ones (tandem.site.origins) plus those admins add at run time, stored in
 * PostgreSQL for every node. Checks read an in-memory snapshot (the relay's upgrade check, the signaling server, the
 * site CORS filter): no database I/O on their path. The snapshot is replaced at once on this node after a change and
 * re-read every tandem.site.origins-reload (5 s) so that a change made on another node applies here too.
 */
@ApplicationScoped
public class SiteOrigins {

    private static final Logger LOG = Logger.getLogger(SiteOrigins.class);

    /** The origins in effect: for WebSocket upgrades, for CORS, and those added at run time. */
    private record Snapshot(WebSocketOrigins webSockets, Set<String> cors, List<SiteOriginsView.Added> added) {}

    private final Pool db;
    private final Clock clock;
    private final AuditLog audit;
    private final Event<SiteOriginsChanged> changed;
    private final String own;
    private final Set<String> configured;
    private final Set<String> webSocketBase;
    private final AtomicLong reads = new AtomicLong();
    private long installed;
    private volatile Snapshot current;

    public SiteOrigins(Pool db, Clock clock, AuditLog audit, Event<SiteOriginsChanged> changed, RelayConfig relay,
            TandemConfig tandem) {
        this.db = db;
        this.clock = clock;
        this.audit = audit;
        this.changed = changed;
        this.own = Origins.of(tandem.publicUrl());
        this.configured = new LinkedHashSet<>();
        tandem.site().origins().orElse(List.of()).forEach(url -> configured.add(Origins.of(url)));
        // tandem.relay.allowed-origins, or by default Tandem's own origin plus the site's
        this.webSocketBase = new LinkedHashSet<>();
        relay.allowedOrigins().ifPresentOrElse(list -> list.forEach(url -> webSocketBase.add(Origins.of(url))),
                () -> {
                    webSocketBase.add(own);
                    webSocketBase.addAll(configured);
                });
        this.current = snapshot(List.of());
    }

    /** Origins whose pages may open relay and signaling sockets now (configured plus added). */
    public WebSocketOrigins webSockets() {
        return current.webSockets();
    }

    /** Whether a page of this origin (an Origin header, null when absent) may call tandem.js's public endpoints. */
    public boolean allowsCors(String originHeader) {
        return originHeader != null && current.cors().contains(originHeader.toLowerCase(java.util.Locale.ROOT));
    }

    /** The site's origins now (configured plus added); the same instance until they change. */
    public Set<String> sites() {
        return current.cors();
    }

    public SiteOriginsView view() {
        return new SiteOriginsView(List.copyOf(configured), current.added());
    }

    /** Adds an origin for every node; refused when it is malformed, configured or added already. Audited. */
    public Uni<SiteOriginsView> add(String typed, StaffMember by) {
        String origin = SiteOriginFormat.parse(typed);
        if (configured.contains(origin)) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.CONFIGURED_SITE_ORIGIN,
                    origin + " is set in the configuration (tandem.site.origins) and is allowed already."));
        }
        if (origin.equals(own)) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.DUPLICATE_SITE_ORIGIN,
                    origin + " is Tandem's own origin: its pages are always allowed."));
        }
        return db.preparedQuery("insert into site_origin (origin, added_by, added_at) values ($1, $2, $3)"
                + " on conflict (origin) do nothing returning origin")
                .execute(Tuple.of(origin, by.displayName(), clock.instant().atOffset(ZoneOffset.UTC)))
                .chain(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().failure(new ProblemException(ProblemType.DUPLICATE_SITE_ORIGIN,
                                origin + " has been added already."));
                    }
                    LOG.infof("Site origin %s added by %s", origin, by.id());
                    return audit.record(by, AuditAction.SITE_ADDED, null, null, origin);
                })
                .chain(this::reload).map(v -> view());
    }

    /** Removes an origin added at run time: new connections from it are refused; open ones stay. Audited. */
    public Uni<SiteOriginsView> remove(String typed, StaffMember by) {
        String origin = SiteOriginFormat.parse(typed);
        if (configured.contains(origin)) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.CONFIGURED_SITE_ORIGIN,
                    origin + " is set in the configuration (tandem.site.origins) and can only be removed there."));
        }
        return db.preparedQuery("delete from site_origin where origin = $1 returning origin").execute(Tuple.of(origin))
                .chain(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().failure(new ProblemException(ProblemType.UNKNOWN_SITE_ORIGIN,
                                origin + " is not among the site origins added here."));
                    }
                    LOG.infof("Site origin %s removed by %s", origin, by.id());
                    return audit.record(by, AuditAction.SITE_REMOVED, null, null, origin);
                })
                .chain(this::reload).map(v -> view());
    }

    /** Reads the added origins into the snapshot (a read that started earlier never replaces a later one). */
    public Uni<Void> reload() {
        long read = reads.incrementAndGet();
        return db.query("select origin, added_by, added_at from site_origin order by added_at, origin").execute()
                .invoke(rows -> {
                    List<SiteOriginsView.Added> added = new ArrayList<>();
                    for (Row r : rows) {
                        added.add(new SiteOriginsView.Added(r.getString("origin"), r.getString("added_by"),
                                r.getOffsetDateTime("added_at").toInstant()));
                    }
                    install(read, snapshot(added));
                }).replaceWithVoid();
    }

    private void install(long read, Snapshot next) {
        Snapshot before;
        synchronized (this) {
            if (read < installed) {
                return;
            }
            installed = read;
            before = current;
            current = next;
        }
        if (!before.webSockets().equals(next.webSockets())) {
            changed.fire(new SiteOriginsChanged(next.webSockets()));
        }
    }

    private Snapshot snapshot(List<SiteOriginsView.Added> added) {
        Set<String> ws = new LinkedHashSet<>(webSocketBase);
        Set<String> cors = new LinkedHashSet<>(configured);
        added.forEach(a -> {
            ws.add(a.origin());
            cors.add(a.origin());
        });
        return new Snapshot(new WebSocketOrigins(ws), Set.copyOf(cors), List.copyOf(added));
    }

    void onStart(@Observes StartupEvent event) {
        reload().subscribe().with(v -> {}, e -> LOG.warnf("Site origins not loaded, using the configured ones: %s", e));
    }

    @Scheduled(every = "${tandem.site.origins-reload:5s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return reload().onFailure().invoke(e -> LOG.debugf("Site origins reload failed: %s", e)).onFailure()
                .recoverWithNull();
    }
}

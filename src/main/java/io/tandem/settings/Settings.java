package io.tandem.settings;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tandem.config.RelayConfig;
import io.tandem.config.TandemConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Settings an admin changes at run time, over their configured defaults. Readers (the relay when it opens a room,
 * the recorder, the feedback endpoint) read an in-memory snapshot: no database I/O on their path. The snapshot is
 * loaded at start, replaced on every change, and reloaded every 30 s so that other replicas follow a change.
 */
@ApplicationScoped
public class Settings {

    private static final Logger LOG = Logger.getLogger(Settings.class);
    static final String REMOTE_CONTROL = "remote-control";
    static final String RECORDING = "recording";
    static final String FEEDBACK_WINDOW = "feedback-window";

    private final Pool db;
    private final Clock clock;
    private final SettingsView defaults;
    private volatile SettingsView current;

    public Settings(Pool db, Clock clock, RelayConfig relay, TandemConfig tandem,
            @ConfigProperty(name = "tandem.recording.enabled", defaultValue = "true") boolean recording) {
        this.db = db;
        this.clock = clock;
        this.defaults = new SettingsView(relay.remoteControl(), recording, tandem.feedback().window(), null, null);
        this.current = defaults;
    }

    /** The settings in effect now. */
    public SettingsView current() {
        return current;
    }

    public boolean remoteControl() {
        return current.remoteControl();
    }

    public boolean recording() {
        return current.recording();
    }

    public Duration feedbackWindow() {
        return current.feedbackWindow();
    }

    /** Stores a change (fields left out keep their value) and puts it into effect on this node at once. */
    public Uni<SettingsView> change(SettingsRequest request, String by) {
        List<Tuple> rows = new ArrayList<>();
        var at = clock.instant().atOffset(ZoneOffset.UTC);
        if (request.remoteControl() != null) {
            rows.add(Tuple.of(REMOTE_CONTROL, request.remoteControl().toString(), by, at));
        }
        if (request.recording() != null) {
            rows.add(Tuple.of(RECORDING, request.recording().toString(), by, at));
        }
        if (request.feedbackWindowMinutes() != null) {
            rows.add(Tuple.of(FEEDBACK_WINDOW, Duration.ofMinutes(request.feedbackWindowMinutes()).toString(), by,
                    at));
        }
        Uni<Void> write = rows.isEmpty()
                ? Uni.createFrom().voidItem()
                : db.preparedQuery("insert into setting (name, value, updated_by, updated_at) values ($1, $2, $3, $4)"
                        + " on conflict (name) do update set value = excluded.value,"
                        + " updated_by = excluded.updated_by, updated_at = excluded.updated_at").executeBatch(rows)
                        .replaceWithVoid();
        return write.chain(this::reload);
    }

    /** Reads the stored settings into the snapshot. */
    public Uni<SettingsView> reload() {
        return db.query("select name, value, updated_by, updated_at from setting").execute().map(rows -> {
            SettingsView s = defaults;
            for (Row r : rows) {
                s = apply(s, r);
            }
            current = s;
            return s;
        });
    }

    void onStart(@Observes StartupEvent event) {
        reload().subscribe().with(s -> {}, e -> LOG.warnf("Settings not loaded, using the defaults: %s", e));
    }

    @Scheduled(every = "30s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return reload().onFailure().invoke(e -> LOG.debugf("Settings reload failed: %s", e)).onFailure()
                .recoverWithNull().replaceWithVoid();
    }

    private static SettingsView apply(SettingsView s, Row r) {
        String value = r.getString("value");
        String by = r.getString("updated_by");
        var at = r.getOffsetDateTime("updated_at").toInstant();
        boolean newer = s.updatedAt() == null || at.isAfter(s.updatedAt());
        String lastBy = newer ? by : s.updatedBy();
        var lastAt = newer ? at : s.updatedAt();
        return switch (r.getString("name")) {
            case REMOTE_CONTROL -> new SettingsView(Boolean.parseBoolean(value), s.recording(), s.feedbackWindow(),
                    lastBy, lastAt);
            case RECORDING -> new SettingsView(s.remoteControl(), Boolean.parseBoolean(value), s.feedbackWindow(),
                    lastBy, lastAt);
            case FEEDBACK_WINDOW -> new SettingsView(s.remoteControl(), s.recording(), Duration.parse(value), lastBy,
                    lastAt);
            default -> s; // a setting this version does not know
        };
    }
}

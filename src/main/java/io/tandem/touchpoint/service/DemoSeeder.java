package io.tandem.touchpoint.service;

import io.quarkus.runtime.StartupEvent;
import io.tandem.config.TandemConfig;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jboss.logging.Logger;

/** Seeds demo customers and past touchpoints in the demo profile, once, into an empty database. */
@ApplicationScoped
public class DemoSeeder {

    private static final Logger LOG = Logger.getLogger(DemoSeeder.class);

    private final TandemConfig config;
    private final Pool db;

    public DemoSeeder(TandemConfig config, Pool db) {
        this.config = config;
        this.db = db;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.demo().seed()) {
            return;
        }
        String sql = script();
        db.withTransaction(conn -> conn.query("select count(*) from customer").execute()
                .map(rows -> rows.iterator().next().getLong(0))
                .chain(count -> count > 0
                        ? io.smallrye.mutiny.Uni.createFrom().item(false)
                        : conn.query(sql).execute().replaceWith(true)))
                .subscribe().with(seeded -> LOG.infof(seeded
                        ? "Seeded demo customers and touchpoints"
                        : "Demo data not seeded: the database already has customers"),
                        e -> LOG.errorf(e, "Demo seeding failed"));
    }

    static String script() {
        try (InputStream in = DemoSeeder.class.getResourceAsStream("/db/demo/seed.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("db/demo/seed.sql is missing from the build", e);
        }
    }
}

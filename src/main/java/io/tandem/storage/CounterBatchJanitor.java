package io.tandem.storage;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/** Forgets the ids of counter batches written more than a week ago: no retry comes that late. */
@ApplicationScoped
public class CounterBatchJanitor {

    private final Pool db;

    public CounterBatchJanitor(Pool db) {
        this.db = db;
    }

    @Scheduled(every = "6h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOld() {
        return db.query("delete from counter_batch where written_at < now() - interval '7 days'").execute()
                .replaceWithVoid().onFailure().recoverWithNull().replaceWithVoid();
    }
}

package io.tandem.storage;

import io.smallrye.mutiny.Uni;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Batches of additive counters written exactly once across database failures. Each batch gets an id when it is made;
 * a batch whose write failed is kept, with that id, and written again before newer ones. The writer claims the id in
 * the same transaction as the counters ({@code insert into counter_batch ... on conflict do nothing}) and adds nothing
 * when the id was claimed before: a write that committed but whose answer was lost (a connection cut after the
 * commit) is not counted twice, and one that did not commit is counted when it is retried. Batches are never merged
 * once made, since a failed one may have been stored. Bounded: past {@code maxPending} batches (a database away for
 * hours) the oldest are dropped, with one log line each.
 */
public final class OnceBatches<T> {

    private static final Logger LOG = Logger.getLogger(OnceBatches.class);

    /** A batch and its id, the key of its write. */
    public record Batch<T>(UUID id, List<T> items) {}

    private final String what;
    private final int maxPending;
    private final Deque<Batch<T>> pending = new ArrayDeque<>();
    /** Batches taken for a write whose outcome is not known yet. */
    private final AtomicInteger writing = new AtomicInteger();

    public OnceBatches(String what, int maxPending) {
        this.what = what;
        this.maxPending = maxPending;
    }

    /**
     * Makes a batch of {@code fresh} (none if empty) and writes every pending batch, oldest first, one after the other.
     * Fails with the first write's failure; that batch and the ones after it stay pending.
     */
    public Uni<Void> write(List<T> fresh, Function<Batch<T>, Uni<Void>> writer) {
        List<Batch<T>> due;
        synchronized (pending) {
            if (!fresh.isEmpty()) {
                pending.addLast(new Batch<>(UUID.randomUUID(), List.copyOf(fresh)));
            }
            while (pending.size() > maxPending) {
                Batch<T> dropped = pending.removeFirst();
                LOG.warnf("%s: %d entries dropped after %d batches waited for the database", what,
                        dropped.items().size(), maxPending);
            }
            due = List.copyOf(pending);
            pending.clear();
            writing.addAndGet(due.size());
        }
        return writeFrom(due, 0, writer);
    }

    private Uni<Void> writeFrom(List<Batch<T>> due, int i, Function<Batch<T>, Uni<Void>> writer) {
        if (i == due.size()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> writer.apply(due.get(i))).onFailure().invoke(e -> {
            synchronized (pending) {
                for (int j = due.size() - 1; j >= i; j--) {
                    pending.addFirst(due.get(j));
                }
                writing.addAndGet(-(due.size() - i));
            }
        }).invoke(() -> writing.decrementAndGet()).chain(() -> writeFrom(due, i + 1, writer));
    }

    /** Batches not yet known to be stored: waiting, or being written now. */
    public int pending() {
        synchronized (pending) {
            return pending.size() + writing.get();
        }
    }
}

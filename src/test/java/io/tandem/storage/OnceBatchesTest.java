package io.tandem.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Batches keep their ids across failed writes, are written oldest first, never merged, and bounded. */
class OnceBatchesTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    /** What a writer saw: the batch id and items of every attempt. */
    private final List<OnceBatches.Batch<String>> attempts = new ArrayList<>();

    private Uni<Void> failing(OnceBatches.Batch<String> b) {
        attempts.add(b);
        return Uni.createFrom().failure(new IllegalStateException("database away"));
    }

    private Uni<Void> working(OnceBatches.Batch<String> b) {
        attempts.add(b);
        return Uni.createFrom().voidItem();
    }

    @Test
    void aFailedBatchIsWrittenAgainUnderItsOwnIdBeforeNewerOnes() {
        OnceBatches<String> batches = new OnceBatches<>("test", 10);
        assertThrows(IllegalStateException.class, () -> batches.write(List.of("a"), this::failing).await()
                .atMost(WAIT));
        assertThrows(IllegalStateException.class, () -> batches.write(List.of("b"), this::failing).await()
                .atMost(WAIT));
        assertEquals(2, batches.pending());
        UUID first = attempts.get(0).id();
        assertEquals(first, attempts.get(1).id(), "the retry of the first batch keeps its id");
        attempts.clear();
        batches.write(List.of("c"), this::working).await().atMost(WAIT);
        assertEquals(List.of(List.of("a"), List.of("b"), List.of("c")),
                attempts.stream().map(OnceBatches.Batch::items).toList(), "oldest first, never merged");
        assertEquals(first, attempts.get(0).id());
        assertEquals(0, batches.pending());
    }

    @Test
    void aFailureHalfWayKeepsThatBatchAndTheRestInOrder() {
        OnceBatches<String> batches = new OnceBatches<>("test", 10);
        assertThrows(IllegalStateException.class, () -> batches.write(List.of("a"), this::failing).await()
                .atMost(WAIT));
        assertThrows(IllegalStateException.class, () -> batches.write(List.of("b"), this::failing).await()
                .atMost(WAIT));
        attempts.clear();
        // the first goes through, the second fails: the second and the new third wait, in order
        assertThrows(IllegalStateException.class, () -> batches.write(List.of("c"),
                b -> attempts.isEmpty() ? working(b) : failing(b)).await().atMost(WAIT));
        assertEquals(2, batches.pending());
        attempts.clear();
        batches.write(List.of(), this::working).await().atMost(WAIT);
        assertEquals(List.of(List.of("b"), List.of("c")), attempts.stream().map(OnceBatches.Batch::items).toList());
    }

    @Test
    void aBatchBeingWrittenStillCountsAsPendingUntilItsOutcomeIsKnown() {
        OnceBatches<String> batches = new OnceBatches<>("test", 10);
        java.util.concurrent.CompletableFuture<Void> answer = new java.util.concurrent.CompletableFuture<>();
        var write = batches.write(List.of("a"), b -> Uni.createFrom().completionStage(answer))
                .subscribeAsCompletionStage();
        assertEquals(1, batches.pending(), "in flight: not known to be stored");
        answer.completeExceptionally(new IllegalStateException("database away"));
        assertThrows(java.util.concurrent.ExecutionException.class,
                () -> write.get(5, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(1, batches.pending(), "failed: waiting again");
        batches.write(List.of(), this::working).await().atMost(WAIT);
        assertEquals(0, batches.pending());
    }

    @Test
    void pastTheBoundTheOldestBatchesGo() {
        OnceBatches<String> batches = new OnceBatches<>("test", 3);
        for (String s : List.of("a", "b", "c", "d", "e")) {
            assertThrows(IllegalStateException.class, () -> batches.write(List.of(s), this::failing).await()
                    .atMost(WAIT));
        }
        assertEquals(3, batches.pending());
        attempts.clear();
        batches.write(List.of(), this::working).await().atMost(WAIT);
        assertEquals(List.of(List.of("c"), List.of("d"), List.of("e")),
                attempts.stream().map(OnceBatches.Batch::items).toList());
    }
}

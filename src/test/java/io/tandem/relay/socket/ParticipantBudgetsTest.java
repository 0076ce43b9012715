package io.tandem.relay.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.relay.protocol.MessageType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Budgets belong to a participant, not to a socket: reconnecting does not refill them, they are forgotten only once
 * nobody uses them and they are full again, and the table of them is bounded.
 */
class ParticipantBudgetsTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;
    /** 10 messages/s (burst 20), 1000 bytes/s (burst 3000), 1 connect/s (burst 3), 5 page messages/s (burst 8). */
    private static final ParticipantBudget.Rates RATES = new ParticipantBudget.Rates(10, 20, 1000, 3000, 1, 3, 5, 8);

    private static final MessageType PTR = MessageType.PTR_MOVE;
    private static final MessageType MUT = MessageType.DOM_MUT;

    private final UUID session = UUID.randomUUID();

    @Test
    void aParticipantOverItsRateIsChargedAndToldHowLongToWaitNotRefused() {
        ParticipantBudget b = new ParticipantBudgets(RATES, 100).open(session, "customer", 0);
        for (int i = 0; i < 20; i++) {
            assertEquals(0, b.charge(PTR, 1, 0), "message " + (i + 1) + " of the burst");
        }
        waits(100 * MS, b.charge(PTR, 1, 0), "one over at 10/s: 100 ms");
        waits(200 * MS, b.charge(PTR, 1, 0), "two over: 200 ms, the second is not lost either");
        assertEquals(0, b.charge(PTR, 1, 300 * MS), "back at the rate");
        waits(2976 * MS, b.charge(PTR, 5975, 300 * MS), "the bytes set the wait when theirs is the longer: 2976 "
                + "bytes short at 1000/s");
    }

    /** A wait, to a microsecond (the buckets count in doubles). */
    private static void waits(long expectedNanos, long actualNanos, String what) {
        assertEquals(expectedNanos, actualNanos, 1000.0, what);
    }

    @Test
    void pageMessagesHaveARateOfTheirOwnWithinTheMessageRate() {
        ParticipantBudget b = new ParticipantBudgets(RATES, 100).open(session, "customer", 0);
        for (int i = 0; i < 8; i++) {
            assertEquals(0, b.charge(MUT, 1, 0), "page message " + (i + 1) + " of its burst");
        }
        waits(200 * MS, b.charge(MUT, 1, 0), "one page message over at 5/s: 200 ms");
        assertEquals(0, b.charge(PTR, 1, 0), "a pointer move is not a page message: within the message rate");
        assertEquals(0, b.charge(MessageType.ANN_POINTS, 1, 0), "nor is a stroke");
        waits(400 * MS, b.charge(MessageType.DOM_SNAP, 1, 0), "a snapshot is a page message: 400 ms");
    }

    @Test
    void aReconnectingParticipantGetsTheBudgetItLeftNotAFreshBurst() {
        ParticipantBudgets budgets = new ParticipantBudgets(RATES, 100);
        ParticipantBudget first = budgets.open(session, "customer", 0);
        assertEquals(0, first.charge(PTR, 3000, 0), "the whole burst once");
        first.disconnect();
        ParticipantBudget again = budgets.open(session, "customer", MS);
        assertSame(first, again);
        waits(99 * MS, again.charge(PTR, 100, MS), "a new socket of the same participant brings no new "
                + "burst: 100 bytes at 1000/s, 1 ms of it refilled");
        assertEquals(0, again.charge(PTR, 100, 300 * MS), "the rate refills it as before");
    }

    @Test
    void twoSocketsOfOneParticipantShareOneBudgetAndOtherParticipantsHaveTheirOwn() {
        ParticipantBudgets budgets = new ParticipantBudgets(RATES, 100);
        ParticipantBudget tab1 = budgets.open(session, "advisor-1", 0);
        ParticipantBudget tab2 = budgets.open(session, "advisor-1", 0);
        assertEquals(0, tab1.charge(PTR, 2000, 0));
        assertEquals(0, tab2.charge(PTR, 1000, 0));
        waits(MS, tab2.charge(PTR, 1, 0), "the two tabs spent it together: one byte is a millisecond's wait");
        assertEquals(0, budgets.open(session, "customer", 0).charge(PTR, 3000, 0), "another participant");
        assertEquals(0, budgets.open(UUID.randomUUID(), "advisor-1", 0).charge(PTR, 3000, 0), "the same person "
                + "elsewhere");
    }

    @Test
    void aCredentialRefusedForItsConnectRateIsRefusedUntilItsParticipantMayConnectAgainAndNoOtherIs() {
        ParticipantBudgets budgets = new ParticipantBudgets(RATES, 100);
        for (int i = 0; i < 3; i++) {
            assertNotNull(budgets.open(session, "customer", "Customer c1", 0));
        }
        assertEquals(0, budgets.cooling("Customer c1", 0), "not refused yet: checked as usual");
        assertNull(budgets.open(session, "customer", "Customer c1", 0), "the burst of 3 is spent");
        assertEquals(S, budgets.cooling("Customer c1", 0), "one connect a second: it waits a second");
        assertEquals(S / 2, budgets.cooling("Customer c1", S / 2));
        assertEquals(0, budgets.cooling("Customer c2", S / 2), "another credential is checked as usual");
        assertEquals(0, budgets.cooling(null, S / 2));
        assertEquals(0, budgets.cooling("Customer c1", S), "the wait is over");
        assertNotNull(budgets.open(session, "customer", "Customer c1", S), "and a connect is there again");
    }

    @Test
    void theRefusedCredentialsRememberedAreBounded() {
        ParticipantBudgets budgets = new ParticipantBudgets(new ParticipantBudget.Rates(10, 20, 1000, 3000, 1, 1, 5, 8),
                3 * ParticipantBudgets.MAX_COOLING);
        for (int i = 0; i <= ParticipantBudgets.MAX_COOLING; i++) {
            budgets.open(session, "p" + i, "Customer p" + i, 0);
            assertNull(budgets.open(session, "p" + i, "Customer p" + i, 0));
        }
        assertTrue(budgets.cooling("Customer p0", 0) > 0);
        assertEquals(0, budgets.cooling("Customer p" + ParticipantBudgets.MAX_COOLING, 0),
                "beyond the bound a credential is refused by its budget alone, not remembered");
        assertNull(budgets.open(session, "p0", "Customer p0", S / 2), "its budget still refuses it");
        budgets.sweep(2 * S);
        assertNotNull(budgets.open(session, "p1", "Customer p1", 2 * S), "waits over, swept, connecting again");
    }

    @Test
    void connectingFasterThanTheConnectRateIsRefused() {
        ParticipantBudgets budgets = new ParticipantBudgets(RATES, 100);
        for (int i = 0; i < 3; i++) {
            ParticipantBudget b = budgets.open(session, "customer", 0);
            assertNotNull(b, "connect " + (i + 1) + " of the burst");
            b.disconnect();
        }
        assertNull(budgets.open(session, "customer", 0));
        assertNull(budgets.open(session, "customer", 500 * MS));
        assertNotNull(budgets.open(session, "customer", S + MS), "one connect a second");
    }

    @Test
    void aBudgetIsForgottenOnlyWhenNoSocketIsOpenAndItIsFullAgain() {
        ParticipantBudgets budgets = new ParticipantBudgets(RATES, 100);
        ParticipantBudget b = budgets.open(session, "customer", 0);
        assertEquals(0, b.charge(PTR, 3000, 0));
        budgets.sweep(3600 * S);
        assertEquals(1, budgets.size(), "kept while a socket is open, however long");
        b.disconnect();
        budgets.sweep(3600 * S + MS);
        assertEquals(0, budgets.size(), "closed and full again: forgotten");

        ParticipantBudget spent = budgets.open(session, "customer", 0);
        assertEquals(0, spent.charge(PTR, 3000, 0));
        spent.disconnect();
        budgets.sweep(2 * S); // 3000 bytes at 1000/s take 3 s to come back
        assertEquals(1, budgets.size(), "closed but not yet full: kept, so a reconnect finds it spent");
        assertSame(spent, budgets.open(session, "customer", 2 * S));
    }

    @Test
    void theTableIsBoundedAndMakesRoomByForgettingIdleBudgets() {
        ParticipantBudgets budgets = new ParticipantBudgets(RATES, 3);
        ParticipantBudget idle = budgets.open(session, "p0", 0);
        budgets.open(session, "p1", 0);
        budgets.open(session, "p2", 0);
        assertNull(budgets.open(session, "p3", 0), "full: every budget has a socket open");
        assertNotNull(budgets.open(session, "p1", 0), "a participant already known still gets its budget");
        idle.disconnect();
        assertNotNull(budgets.open(session, "p3", 10 * S), "the idle budget makes room");
        assertEquals(3, budgets.size());
    }

    @Test
    void aSweepNeverForgetsABudgetWhileSocketsAreCountedOnItConcurrently() throws Exception {
        ParticipantBudgets budgets = new ParticipantBudgets(
                new ParticipantBudget.Rates(1e6, 1e6, 1e9, 1e9, 1e9, 1e9, 1e6, 1e6),
                100);
        AtomicLong clock = new AtomicLong(S);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch done = new CountDownLatch(2);
        try {
            List<Future<?>> sockets = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                sockets.add(pool.submit(() -> {
                    try {
                        for (int i = 0; i < 20_000; i++) {
                            ParticipantBudget b = budgets.open(session, "customer", clock.addAndGet(1));
                            assertSame(b, budgets.open(session, "customer", clock.addAndGet(1)), "one budget");
                            b.disconnect();
                            b.disconnect();
                        }
                    } finally {
                        done.countDown();
                    }
                }));
            }
            pool.submit(() -> {
                while (done.getCount() > 0) {
                    budgets.sweep(clock.get() + 10 * S);
                }
            });
            for (Future<?> f : sockets) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

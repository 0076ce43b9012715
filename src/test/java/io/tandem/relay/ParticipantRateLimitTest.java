package io.tandem.relay;

import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.newSession;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.LogLines;
import io.tandem.testing.RawSocket;
import io.tandem.testing.RelayClient;
import io.tandem.testing.SettingsOfTheirOwn;
import io.tandem.testing.TestTokens;
import io.tandem.testing.Wire;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.io.UncheckedIOException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Limits hold per participant, not per socket (issue 19, item 2): a customer looping connect, hello, a big frame,
 * close gets no fresh burst per socket and is slowed to its rate; a flood is slowed to the rate and waits outside the
 * server, losing nothing; a connect loop alone is refused with HTTP 429 before the upgrade, and then before its
 * credential is even checked; a client that goes on sending after its close is no longer read; the rest of the session
 * stays connected.
 */
@QuarkusTest
@TestProfile(SettingsOfTheirOwn.class)
class ParticipantRateLimitTest {

    /** 1 MiB/s with a 2 MiB burst, and 5 connects at once, instead of the test profile's 64 MiB. */
    private static final int RATE = SettingsOfTheirOwn.RELAY_RATE;
    private static final int BURST = SettingsOfTheirOwn.RELAY_BURST;
    private static final int CONNECT_BURST = SettingsOfTheirOwn.CONNECT_BURST;
    /** Almost the whole burst: a second one fits only after almost two seconds. */
    private static final int FRAME = 1_900_000;
    private static final String ADVISOR1 = TestTokens.advisor1();

    @TestHTTPResource("/")
    URI base;

    @Test
    void aCustomerReconnectingInALoopWithBigFramesIsSlowedToItsRateWithoutAFreshBurstPerSocket() {
        JsonPath created = newSession(ADVISOR1, "Looping Lou " + UUID.randomUUID());
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        try (RelayClient advisor = RelayClient.staff(base, id, ADVISOR1).hello(); LogLines log = new LogLines()) {
            int sockets = CONNECT_BURST - 1;
            long started = System.nanoTime();
            for (int socket = 0; socket < sockets; socket++) {
                assertEquals(0, sendOnANewSocket(id, credential, FRAME), "socket " + (socket + 1)
                        + " is slowed, not closed");
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            // each socket waits for its pong, which the relay reads only once the participant's balance is back: a
            // fresh burst per socket would answer every one at once
            double least = ((double) sockets * FRAME - BURST) / RATE;
            assertTrue(seconds >= least * 0.95, sockets + " frames of " + FRAME + " bytes on " + sockets
                    + " sockets took " + seconds + " s; the participant's rate allows them in no less than " + least
                    + " s");
            await().atMost(Duration.ofSeconds(5)).until(() -> advisor.all().stream()
                    .filter(f -> f.type().equals("dom.snap")).count() == sockets); // nothing sent was lost
            assertFalse(log.containing("Slowing customer@" + id).isEmpty(), "the slowing is logged");
            assertTrue(log.containing("Closing customer@" + id).isEmpty(), "and nothing was refused");
            assertFalse(advisor.isClosed(), "the other side of the session stays connected");
        }
    }

    @Test
    void aConnectLoopIsRefused429AtTheUpgradeOnceTheConnectBurstIsSpentAndItsCredentialBeforeItIsChecked()
            throws IOException {
        JsonPath created = newSession(ADVISOR1, "Connecting Con " + UUID.randomUUID());
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        try (RelayClient advisor = RelayClient.staff(base, id, ADVISOR1).hello(); LogLines log = new LogLines()) {
            String head = "";
            int upgraded = 0;
            for (int socket = 0; socket < 3 * CONNECT_BURST; socket++) {
                try (RawSocket raw = RawSocket.open(base)) {
                    head = raw.upgrade(id, "tandem.v1, " + RawSocket.credential("Customer " + credential));
                }
                if (!head.startsWith("HTTP/1.1 101")) {
                    break;
                }
                upgraded++;
            }
            assertTrue(head.startsWith("HTTP/1.1 429"), "connecting over and over is refused before the 101: " + head);
            assertTrue(head.toLowerCase().contains("content-type: application/problem+json"), head);
            assertTrue(head.toLowerCase().contains("retry-after: "), head);
            assertTrue(upgraded >= CONNECT_BURST && upgraded <= 2 * CONNECT_BURST, upgraded + " sockets upgraded");
            // the credential is refused at once while its participant waits, and the loop logs one line, not one each
            for (int again = 0; again < 5; again++) {
                try (RawSocket raw = RawSocket.open(base)) {
                    String refused = raw.upgrade(id, "tandem.v1, " + RawSocket.credential("Customer " + credential));
                    if (!refused.startsWith("HTTP/1.1 429")) {
                        break; // a connect came back (60 a minute): the wait is over, nothing more to count
                    }
                }
            }
            assertEquals(1, log.containing("connecting faster than its rate").stream()
                    .filter(line -> line.text().contains(id)).count(), "one log line for the loop");
            assertFalse(advisor.isClosed(), "the other side of the session stays connected");
            advisor.send("sys.ping", 0, null, "{}");
            advisor.await("sys.pong");
            // a moment later the customer may connect again: a budget, not a ban
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                    .ignoreException(RelayClient.Refused.class).until(() -> sendOnANewSocket(id, credential, 0) == 0);
        }
    }

    @Test
    void aFloodingClientIsSlowedToItsRateAndItsFloodWaitsOutsideTheServer() throws Exception {
        JsonPath created = newSession(ADVISOR1, "Flooding Flo " + UUID.randomUUID());
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        int frame = 100_000;
        int counted = 40; // twice the byte burst: the second half only at the byte rate
        try (RelayClient advisor = RelayClient.staff(base, id, ADVISOR1).hello();
                LogLines log = new LogLines();
                RawSocket flooder = RawSocket.relay(base, id, "Customer " + credential)) {
            long started = System.nanoTime();
            try (Sender writer = new Sender(flooder, frame, 0)) {
                await().atMost(Duration.ofSeconds(15)).until(() -> received(advisor) >= counted);
                double seconds = (System.nanoTime() - started) / 1e9;
                double least = ((double) counted * frame - BURST) / RATE;
                assertTrue(seconds >= least * 0.95, counted + " frames of " + frame + " bytes relayed in " + seconds
                        + " s; the participant's rate allows them in no less than " + least + " s");
                // the rest of the flood waits in buffers outside the server's heap: written, not yet read
                long written = writer.written();
                assertTrue(written > received(advisor) + 10, written + " written, " + received(advisor) + " relayed");
                assertTrue(writer.isAlive(), "the connection stays up: slowed, not closed");
            }
            assertEquals(1, log.containing("Slowing customer@" + id).size(), "one log line for the flood");
            assertTrue(log.containing("Closing customer@" + id).isEmpty(), "nothing refused");
            assertFalse(advisor.isClosed(), "the other side of the session stays connected");
            advisor.send("sys.ping", 0, null, "{}");
            advisor.await("sys.pong");
            // what was relayed arrived whole and in order
            List<RelayClient.Frame> mutations = advisor.all().stream().filter(f -> f.type().equals("dom.mut"))
                    .toList();
            for (int i = 0; i < mutations.size(); i++) {
                assertEquals(frame, mutations.get(i).payload().length, "mutation " + (i + 1));
            }
        }
    }

    private static long received(RelayClient advisor) {
        return advisor.all().stream().filter(f -> f.type().equals("dom.mut")).count();
    }

    @Test
    void aClientStillSendingASecondAfterItsSessionEndedIsNoLongerRead() throws Exception {
        JsonPath created = newSession(ADVISOR1, "Talking Tam " + UUID.randomUUID());
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        try (LogLines log = new LogLines();
                RawSocket client = RawSocket.relay(base, id, "Customer " + credential);
                Sender writer = new Sender(client, 1000, 20)) { // 50 a second: well within its budget
            await().atMost(Duration.ofSeconds(5)).until(() -> writer.written() > 10);
            as(ADVISOR1).body(Map.of("outcome", "resolved")).post("/api/sessions/" + id + "/end").then()
                    .statusCode(200);
            assertEquals(4409, client.closeCode(), "the session ended");
            // it goes on sending, as a client that is not listening would: a second later the server stops reading it
            await().atMost(Duration.ofSeconds(8)).until(() -> !log.containing("Stopped reading customer@" + id)
                    .isEmpty());
            assertEquals(1, log.containing("Stopped reading customer@" + id).size(), "one line, not one a frame");
        }
    }

    /** Writes dom.mut frames of {@code bytes} on a raw socket, every {@code everyMillis} (0: back to back), never reading. */
    private static final class Sender implements AutoCloseable {

        private final RawSocket socket;
        /** Writes the frames: back to back, or one every {@code everyMillis} at a fixed rate. */
        private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sender");
            t.setDaemon(true);
            return t;
        });
        private final Future<?> task;
        private final AtomicLong written = new AtomicLong();
        private final AtomicLong lastWritten = new AtomicLong(System.nanoTime());

        Sender(RawSocket socket, int bytes, long everyMillis) throws IOException {
            this.socket = socket;
            socket.frame(Wire.frame(Wire.header("sys.hello", 0, null), "{\"epoch\":\"" + UUID.randomUUID().toString()
                    .replace("-", "") + "\",\"resume\":0}"));
            String batch = "x".repeat(bytes);
            Runnable one = () -> {
                try {
                    socket.frame(Wire.frame(Wire.header("dom.mut", written.get() + 1, null), batch));
                } catch (IOException ended) {
                    // the test closed the socket, or the server's close timed out and ended the connection
                    throw new UncheckedIOException(ended); // ends a periodic task
                }
                written.incrementAndGet();
                lastWritten.set(System.nanoTime());
            };
            task = everyMillis > 0
                    ? writer.scheduleAtFixedRate(one, 0, everyMillis, TimeUnit.MILLISECONDS)
                    : writer.submit(() -> {
                        try {
                            while (true) { // only the server's side or close() ends this
                                one.run();
                            }
                        } catch (UncheckedIOException ended) {
                            // ended as above
                        }
                    });
        }

        long written() {
            return written.get();
        }

        /** Seconds since the last frame was written. */
        double idleFor() {
            return (System.nanoTime() - lastWritten.get()) / 1e9;
        }

        /** Whether it is still writing (or blocked in a write); false once its connection has ended. */
        boolean isAlive() {
            return !task.isDone();
        }

        @Override
        public void close() throws Exception {
            socket.close();
            writer.shutdownNow();
            writer.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /**
     * Connects as the customer, says hello and, if {@code bytes} is not 0, sends a snapshot of that size; then closes.
     * Returns the code the server closed with, or 0 if the socket took everything.
     */
    private int sendOnANewSocket(String id, String credential, int bytes) {
        try (RelayClient customer = RelayClient.customer(base, id, credential)) {
            try {
                customer.send("sys.hello", 0, null, "{\"epoch\":\"" + UUID.randomUUID().toString().replace("-", "")
                        + "\",\"resume\":0}");
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> customer.isClosed() || customer.types().contains("sys.welcome"));
                if (bytes > 0 && !customer.isClosed()) {
                    customer.sendReliable("dom.snap", null, "x".repeat(bytes));
                }
                if (!customer.isClosed()) {
                    customer.send("sys.ping", 0, null, "{}");
                }
            } catch (CompletionException closedWhileSending) {
                // the server may close the socket before the client has finished sending: that is the point
            }
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> customer.isClosed() || customer.types().contains("sys.pong"));
            return customer.isClosed() ? customer.closeCode(1) : 0;
        }
    }
}

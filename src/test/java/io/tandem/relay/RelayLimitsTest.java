package io.tandem.relay;

import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.config.RelayConfig;
import io.tandem.relay.protocol.CloseCode;
import io.tandem.relay.room.RoomRegistry;
import io.tandem.testing.LogLines;
import io.tandem.testing.RelayClient;
import io.tandem.testing.TestTokens;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every limit closes only the offending connection, with its documented code; the rest of the room carries on. */
@QuarkusTest
class RelayLimitsTest {

    private static final String ADVISOR1 = TestTokens.advisor1();

    @TestHTTPResource("/")
    URI base;

    @Inject
    RelayConfig config;

    @Inject
    RoomRegistry rooms;

    /**
     * Opens a session with customer and advisor connected, lets {@code offence} misbehave as the customer, and checks
     * what every refusal must do: the close carries its code's documented reason and nothing the client received
     * names the server's internals; the refusal is logged in short lines without a stack trace; the advisor stays.
     */
    private int customerClosedWith(Consumer<RelayClient> offence) {
        JsonPath created = newSession(ADVISOR1, "Limit " + UUID.randomUUID());
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        try (LogLines log = new LogLines();
                RelayClient advisor = RelayClient.staff(base, id, ADVISOR1).hello();
                RelayClient customer = RelayClient.customer(base, id, credential).hello()) {
            try {
                offence.accept(customer);
            } catch (java.util.concurrent.CompletionException closedWhileSending) {
                // the server may close the connection before the client has finished sending: that is the point
            }
            int code = customer.closeCode(3);
            assertFalse(advisor.isClosed(), "the other side of the session stays connected");
            advisor.send("sys.ping", 0, null, "{}");
            advisor.await("sys.pong");
            closedAsDocumented(customer, code);
            loggedShortly(log, id, code);
            return code;
        }
    }

    /** Stack frames, exception names, source lines, packages: what a client must never be sent. */
    private static final Pattern INTERNALS = Pattern.compile(
            "Exception|Error:|\\.java:\\d+|\\bat [a-z]+\\.[a-z]|io\\.(tandem|vertx|netty|quarkus)|jackson");

    /** The close gives its code's documented reason (docs/protocol.md); no frame received quotes internals. */
    static void closedAsDocumented(RelayClient client, int code) {
        if (code >= 4000) {
            String documented = Arrays.stream(CloseCode.values()).filter(c -> c.code() == code).findFirst()
                    .map(CloseCode::reason).orElseThrow(() -> new AssertionError("undocumented close code " + code));
            assertEquals(documented, client.closeReason(), "the reason given with close " + code);
        }
        for (RelayClient.Frame f : client.all()) {
            assertFalse(INTERNALS.matcher(f.header() + " " + f.text()).find(),
                    "a frame sent to the client names the server's internals: " + f.header() + " " + f.text());
        }
    }

    /** The refusal is in the log once, naming the session, in short lines without a stack trace. */
    private static void loggedShortly(LogLines log, String sessionId, int code) {
        List<LogLines.Line> lines = log.containing(sessionId);
        assertEquals(1, lines.stream().filter(l -> l.text().startsWith("Closing customer@")).count(),
                "the refusal (" + code + ") of the customer of session " + sessionId + " is logged once: " + lines);
        for (LogLines.Line line : lines) {
            assertNull(line.thrown(), "a stack trace was logged: " + line.text());
            assertTrue(line.text().length() < 300, "a long log line: " + line.text());
        }
    }

    private static String filler(int bytes) {
        return "x".repeat(bytes);
    }

    @Test
    void messagesOverTheirLimitAreClosedWith4413() {
        int max = config.maxMessageBytes();
        assertEquals(4413, customerClosedWith(c -> c.sendReliable("dom.mut", null, filler(max))));
        assertEquals(4413, customerClosedWith(c -> c.sendReliable("dom.mut", null, filler(10 * max))));
        int snap = config.maxSnapshotBytes();
        assertEquals(4413, customerClosedWith(c -> c.sendReliable("dom.snap", null, filler(snap))));
    }

    @Test
    void aMessageStreamedInFragmentsCountsWhole() {
        assertEquals(4413, customerClosedWith(c -> {
            byte[] header = "{\"t\":\"dom.mut\",\"s\":1}\n".getBytes(StandardCharsets.UTF_8);
            c.sendFragments(header, filler(100_000), filler(100_000), filler(100_000));
        }));
    }

    @Test
    void messagesBeyondTheTransportBoundAreCutOffAtOnce() {
        JsonPath created = newSession(ADVISOR1, "Huge Hugo");
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        try (RelayClient advisor = RelayClient.staff(base, id, ADVISOR1).hello()) {
            RelayClient customer = RelayClient.customer(base, id, credential).hello();
            var room = rooms.existing(UUID.fromString(id));
            assertEquals(2, room.stats().connections());
            long started = System.nanoTime();
            java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    customer.sendReliable("dom.snap", null, filler(3 * config.maxSnapshotBytes()));
                } catch (RuntimeException closedWhileSending) {
                    // expected: the server hangs up mid-message
                }
            });
            // Netty refuses the frame from its header, before buffering it, and the connection leaves the room
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(2))
                    .until(() -> room.stats().connections() == 1);
            assertTrue(System.nanoTime() - started < 2_000_000_000L);
            // Vert.x drops the connection on the decoder's refusal, without a close frame (RelayBoundsTest)
            int code = customer.closeCode(10);
            assertTrue(code == 4413 || code == 1006 || code == -1, "close code " + code);
            assertFalse(advisor.isClosed(), "the other side stays connected");
        }
    }

    @Test
    void aPointerFloodIsSlowedToTheMessageRateNotClosed() {
        slowedToTheRate("ptr.move", i -> "{\"x\":" + i + "}", false, config.messageBurst(),
                config.messagesPerSecond());
    }

    @Test
    void strokeAndLaserFloodsAreSlowedAsPointerFloodsAre() {
        slowedToTheRate("ann.points", i -> "{\"id\":\"s1\",\"points\":[[" + i + ",1]]}", true,
                config.messageBurst(), config.messagesPerSecond());
        slowedToTheRate("ptr.laser", i -> "{\"points\":[[" + i + ",1,0]]}", false, config.messageBurst(),
                config.messagesPerSecond());
    }

    @Test
    void aPageFloodIsSlowedToThePageRateAndLosesNothing() {
        List<RelayClient.Frame> got = slowedToTheRate("dom.mut", i -> "[{\"i\":" + i + "}]", true,
                config.pageMessageBurst(), config.pageMessagesPerSecond());
        assertEquals(config.pageMessageBurst() + config.pageMessagesPerSecond() / 2, got.size(),
                "every mutation arrived");
        for (int i = 0; i < got.size(); i++) {
            assertEquals("[{\"i\":" + i + "}]", got.get(i).text(), "in order");
        }
    }

    /**
     * As the customer, sends {@code burst + rate/2} messages of {@code type} back to back: the relay takes them, but
     * at the participant's rate (the last arrives no sooner than the rate allows), keeps the connection open, answers
     * its pings, and logs one line. The advisor's frames of that type.
     */
    private List<RelayClient.Frame> slowedToTheRate(String type, java.util.function.IntFunction<String> payload,
            boolean reliable, int burst, int rate) {
        JsonPath created = newSession(ADVISOR1, "Flood " + UUID.randomUUID());
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        try (LogLines log = new LogLines();
                RelayClient advisor = RelayClient.staff(base, id, ADVISOR1).hello();
                RelayClient customer = RelayClient.customer(base, id, credential).hello()) {
            int count = burst + rate / 2;
            long started = System.nanoTime();
            for (int i = 0; i < count; i++) {
                if (reliable) {
                    customer.sendReliable(type, null, payload.apply(i));
                } else {
                    customer.send(type, 0, null, payload.apply(i));
                }
            }
            String last = payload.apply(count - 1);
            advisor.await(f -> f.type().equals(type) && f.text().equals(last), "the flood's last " + type);
            double seconds = (System.nanoTime() - started) / 1e9;
            double least = (count - burst) / (double) rate;
            assertTrue(seconds >= least * 0.9, count + " " + type + " relayed in " + seconds + " s; a budget of "
                    + rate + "/s with a burst of " + burst + " allows no less than " + least + " s");
            customer.send("sys.ping", 0, null, "{}");
            customer.await("sys.pong");
            assertFalse(customer.isClosed(), "slowed, not closed");
            assertFalse(advisor.isClosed(), "the other side of the session stays connected");
            List<LogLines.Line> lines = log.containing(id);
            assertEquals(1, lines.stream().filter(l -> l.text().startsWith("Slowing customer@")).count(),
                    "one line for the flood: " + lines);
            assertTrue(lines.stream().noneMatch(l -> l.text().startsWith("Closing customer@")), "nothing refused");
            return advisor.all().stream().filter(f -> f.type().equals(type)).toList();
        }
    }

    @Test
    void controlInputWithoutAGrantIsAnsweredWithAnErrorAndNothingElseHappens() {
        JsonPath created = newSession(ADVISOR1, "Control " + UUID.randomUUID());
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        try (RelayClient advisor = RelayClient.staff(base, id, ADVISOR1).hello();
                RelayClient customer = RelayClient.customer(base, id, credential).hello()) {
            long s = advisor.sendReliable("ctl.action", null, "{\"id\":\"a1\",\"kind\":\"click\",\"node\":5}");
            RelayClient.Frame error = advisor.await("sys.error");
            assertEquals("control-not-granted", error.json().path("code").asText());
            assertEquals(s, error.json().path("s").asLong());
            // granted, an action goes through; revoked, the next one is refused again
            customer.sendReliable("ctl.grant", null, "{\"to\":\"" + advisor.welcome().json().path("participantId")
                    .asText() + "\"}");
            advisor.await(f -> f.type().equals("sys.control") && f.json().path("state").asText().equals("granted"),
                    "the grant");
            advisor.sendReliable("ctl.action", null, "{\"id\":\"a2\",\"kind\":\"click\",\"node\":5}");
            assertEquals("a2", customer.await("ctl.action").json().path("id").asText());
            customer.sendReliable("ctl.revoke", null, "{}");
            advisor.await(f -> f.type().equals("sys.control") && f.json().path("state").asText().equals("none"),
                    "the revocation");
            advisor.sendReliable("ctl.action", null, "{\"id\":\"a3\",\"kind\":\"click\",\"node\":5}");
            assertEquals("control-not-granted", advisor.await("sys.error").json().path("code").asText());
            assertTrue(customer.drain(300).stream().noneMatch(f -> f.type().equals("ctl.action")),
                    "the refused action never reaches the customer");
            assertFalse(advisor.isClosed());
            assertFalse(customer.isClosed());
        }
    }

    @Test
    void anotherSessionsStreamKeepsFlowingWhileOneMisbehaves() throws Exception {
        JsonPath created = newSession(ADVISOR1, "Bystander " + UUID.randomUUID());
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        try (RelayClient advisor = RelayClient.staff(base, id, ADVISOR1).hello();
                RelayClient customer = RelayClient.customer(base, id, credential).hello()) {
            List<Long> before = latencies(customer, advisor, 0, 40, () -> true);
            List<Consumer<RelayClient>> offences = List.of(
                    c -> c.sendRaw("no header line at all".getBytes()),
                    c -> c.sendReliable("dom.mut", null, filler(config.maxMessageBytes() + 1)),
                    c -> c.send("sys.stage", 0, null, "{\"mode\":\"customer\"}"),
                    c -> {
                        for (int i = 0; i < config.messageBurst() + 200 && !c.isClosed(); i++) {
                            c.send("ptr.move", 0, null, "{\"x\":" + i + "}");
                        }
                        c.send("sys.ping", 0, null, "{}");
                        c.await("sys.pong"); // slowed to its rate, then read to the end: not closed
                    });
            List<Integer> codes = new CopyOnWriteArrayList<>();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            Thread offender = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        for (Consumer<RelayClient> offence : offences) {
                            codes.add(offend(offence));
                        }
                    }
                } catch (Throwable t) {
                    failed.set(t);
                }
            }, "offender");
            offender.start();
            List<Long> during;
            try {
                // sample the bystander's stream for as long as the other session misbehaves: three rounds at least
                during = latencies(customer, advisor, 1000, 100,
                        () -> codes.size() >= 3 * offences.size() || failed.get() != null);
            } finally {
                stop.set(true);
                offender.join(30_000);
            }
            assertNull(failed.get(), "the misbehaving session's client failed: " + failed.get());
            assertTrue(codes.containsAll(List.of(4400, 4413, 4403, SLOWED)), "the offences were refused or slowed: "
                    + codes);
            assertFalse(customer.isClosed() || advisor.isClosed(), "the bystanders stay connected");
            long medianBefore = percentile(before, 50);
            long medianDuring = percentile(during, 50);
            long p95During = percentile(during, 95);
            assertTrue(medianDuring <= medianBefore + 50, "the bystander's median latency went from " + medianBefore
                    + " ms to " + medianDuring + " ms while another session misbehaved (" + codes.size()
                    + " refusals)");
            assertTrue(p95During <= 500, "the bystander's p95 latency was " + p95During + " ms");
        }
    }

    /** A new session whose customer commits {@code offence}; the code its connection was closed with. */
    private int offend(Consumer<RelayClient> offence) {
        JsonPath created = newSession(ADVISOR1, "Offender " + UUID.randomUUID());
        String credential = admit(created.getString("code"));
        try (RelayClient customer = RelayClient.customer(base, created.getString("id"), credential).hello()) {
            try {
                offence.accept(customer);
            } catch (java.util.concurrent.CompletionException closedWhileSending) {
                // closed before the client finished sending
            }
            return customer.isClosed() || !customer.types().contains("sys.pong") ? customer.closeCode(5) : SLOWED;
        }
    }

    /** What {@link #offend} gives for an offence the relay slowed rather than closed (a flood). */
    private static final int SLOWED = 0;

    /**
     * A stream of 50 frames a second (a quarter of a participant's message budget) from the customer to the advisor:
     * the milliseconds from sending each frame to its arrival, every frame in order, until {@code done} and at least
     * {@code least} frames (numbered from {@code first}).
     */
    private static List<Long> latencies(RelayClient from, RelayClient to, int first, int least,
            java.util.function.BooleanSupplier done) {
        List<Long> out = new java.util.ArrayList<>();
        long next = System.nanoTime();
        for (int i = first; out.size() < least || !done.getAsBoolean(); i++) {
            // the stream's pace, not a wait for something to happen
            java.util.concurrent.locks.LockSupport.parkNanos(next - System.nanoTime());
            next += 20_000_000L;
            if (i % 100 == 0) {
                to.send("sys.ping", 0, null, "{}"); // a listening client pings, as the console does, or goes idle
            }
            String payload = "{\"i\":" + i + "}";
            long sent = System.nanoTime();
            from.sendReliable("dom.mut", null, payload);
            to.await(f -> f.type().equals("dom.mut") && f.text().equals(payload), "the bystander's frame " + i);
            out.add((System.nanoTime() - sent) / 1_000_000);
            if (out.size() > 20_000) {
                throw new AssertionError("the misbehaving session never finished its offences");
            }
        }
        return out;
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }

    @Test
    void malformedFramesAreClosedWith4400() {
        assertEquals(4400, customerClosedWith(c -> c.sendRaw("no header line at all".getBytes())));
        assertEquals(4400, customerClosedWith(c -> c.sendRaw("{\"t\":\"dom.mut\",\"s\":1\n{}".getBytes())));
        assertEquals(4400, customerClosedWith(c -> c.sendRaw("[1,2]\n{}".getBytes())));
        assertEquals(4400, customerClosedWith(c -> c.send("dom.teleport", 1, null, "{}")));
        assertEquals(4400, customerClosedWith(c -> c.sendRaw("{\"t\":\"dom.mut\",\"s\":\"one\"}\n{}".getBytes())));
        assertEquals(4400, customerClosedWith(c -> c.sendRaw("{\"t\":\"dom.mut\"}\n{}".getBytes())));
        assertEquals(4400, customerClosedWith(c -> c.sendRaw("{\"t\":\"dom.mut\",\"s\":1,\"x\":1}\n{}".getBytes())));
        assertEquals(4400, customerClosedWith(c -> c.send("dom.scroll", 0, "bad key!", "{}")));
        assertEquals(4400, customerClosedWith(c -> c.sendRaw(new byte[]{'{', '"', 't', '"', ':', '"', (byte) 0xC3,
                (byte) 0x28, '"', '}', '\n'})));
        assertEquals(4400, customerClosedWith(c -> c.sendText("{\"t\":\"sys.ping\"}\n{}")));
        assertEquals(4400, customerClosedWith(c -> c.send("sys.hello", 0, null, "{\"epoch\":\"again\"}")));
    }

    @Test
    void firstFrameMustBeHello() {
        JsonPath created = newSession(ADVISOR1, "Rude Rudy");
        String credential = admit(created.getString("code"));
        try (RelayClient customer = RelayClient.customer(base, created.getString("id"), credential)) {
            customer.sendReliable("dom.snap", null, "{}");
            assertEquals(4400, customer.closeCode(3));
        }
        try (RelayClient advisor = RelayClient.staff(base, created.getString("id"), ADVISOR1)) {
            advisor.send("sys.hello", 0, null, "{\"epoch\":" + "[".repeat(1010) + "]".repeat(1010) + "}");
            assertEquals(4400, advisor.closeCode(3));
        }
    }

    @Test
    void typesTheRoleMayNeverSendAreClosedWith4403() {
        assertEquals(4403, customerClosedWith(c -> c.send("sys.stage", 0, null, "{\"mode\":\"customer\"}")));
        assertEquals(4403, customerClosedWith(c -> c.send("sys.welcome", 0, null, "{}")));
        assertEquals(4403, customerClosedWith(c -> c.send("sys.end", 0, null, "{}")));
        assertEquals(4403, customerClosedWith(c -> c.sendReliable("ann.clear-all", null, "{}")));
        assertEquals(4403, customerClosedWith(c -> c.send("sys.control", 0, null, "{\"state\":\"granted\"}")));
    }

    @Test
    void aSlowReaderIsBoundedThenClosedWhileOthersKeepUp() {
        JsonPath created = newSession(ADVISOR1, "Slow Sol");
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        try (RelayClient customer = RelayClient.customer(base, id, credential).hello();
                RelayClient slow = RelayClient.staff(base, id, ADVISOR1).hello();
                RelayClient fast = RelayClient.staff(base, id, TestTokens.supervisor1()).hello()) {
            slow.stopReading();
            String chunk = filler(config.maxMessageBytes() - 100);
            long maxQueued = 0;
            long deadline = System.nanoTime() + 20_000_000_000L;
            var room = rooms.existing(UUID.fromString(id));
            while (room.stats().connections() == 3 && System.nanoTime() < deadline) {
                customer.sendReliable("dom.mut", null, chunk);
                maxQueued = Math.max(maxQueued, room.stats().largestOutboxBytes());
                fast.drain(20);
            }
            assertEquals(2, room.stats().connections(), "the reader that stopped reading was dropped after the grace");
            assertTrue(maxQueued <= config.outboundQueueBytes() + config.maxMessageBytes(),
                    "bytes queued towards one recipient stayed bounded: " + maxQueued);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> fast.all().stream()
                    .anyMatch(f -> f.type().equals("sys.presence") && f.text().contains("reconnecting")));
            slow.resumeReading();
            int code = slow.closeCode(15);
            assertTrue(code == 4503 || code == 1006, "the slow reader learns it was closed: " + code);
            long sent = System.nanoTime();
            customer.sendReliable("dom.mut", null, "{\"last\":true}");
            fast.await(f -> f.text().equals("{\"last\":true}"), "the last frame at the fast reader");
            assertTrue(System.nanoTime() - sent < 1_000_000_000L, "the fast reader is not held up");
            assertFalse(customer.isClosed());
            assertFalse(fast.isClosed());
        }
    }
}

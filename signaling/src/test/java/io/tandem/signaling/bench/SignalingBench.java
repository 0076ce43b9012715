package io.tandem.signaling.bench;

import io.tandem.signaling.room.Role;
import io.tandem.signaling.token.TestTokens;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * The signaling benchmark (bin/bench-signaling; docs/performance.md), not a test: starts the standalone server in its
 * own JVM (or, with {@code --fork 0}, in this one) and runs rounds of N concurrent room setups (advisor and customer
 * join, offer, answer, C candidates and an end-of-candidates each way, a mute each), all started at once or at random
 * within a stagger window, measuring relay latency from send to receipt at the other peer. The peers are driven by
 * the messages they receive, on the client's I/O threads: no thread per room. Each measured round is followed by its
 * replay on the anchor, a bare Jetty echo ({@link EchoReplay}): same messages, same moments, as many sockets.
 */
public final class SignalingBench {

    private SignalingBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, Integer> options = options(args);
        int rooms = options.get("rooms");
        int rounds = options.get("rounds");
        int warmup = options.get("warmup");

        TestTokens tokens = new TestTokens();
        String serverJava = System.getenv().getOrDefault("BENCH_SERVER_JAVA",
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> serverOptions = List.of(System.getenv().getOrDefault("BENCH_SERVER_JAVA_OPTS",
                DEFAULT_SERVER_JAVA_OPTS).trim().split("\\s+"));
        // Starts staggered rooms and sends paced messages; one thread, as its tasks only hand frames to Jetty.
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        WebSocketClient client = new WebSocketClient();
        try (BenchServer server = options.get("fork") == 0
                ? BenchServer.inProcess(tokens)
                : BenchServer.forked(tokens, serverJava, serverOptions);
                BenchServer echo = BenchServer.forkedEcho(serverJava, serverOptions)) {
            client.start();
            for (int r = 0; r < warmup; r++) {
                List<BenchRoom> done = round(rooms(r, options, server.port(), tokens, client, scheduler),
                        options.get("stagger"), scheduler);
                EchoReplay.round(done, echo.port(), client, scheduler);
            }
            // Tokens live 120 s: enough for the measured rounds, minted outside the measured window.
            List<List<BenchRoom>> measured = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                measured.add(rooms(warmup + r, options, server.port(), tokens, client, scheduler));
            }
            List<BenchPeer.Sample> samples = new ArrayList<>();
            List<Long> echoSamples = new ArrayList<>();
            List<Long> setups = new ArrayList<>();
            long[] messages = new long[2];
            // signaling rounds: harness CPU ns, machine jiffies, server CPU ns, wall ns; the same for the echo rounds
            long[] signaling = new long[4];
            long[] anchor = new long[4];
            int gcBefore = server.gcPauses().size();
            long[] harnessGcBefore = harnessGc();
            BenchRoom.PEAK_IN_FLIGHT.set(0);
            // Each measured round, then its replay on the echo: both see the same minute of the machine's other work.
            for (int r = 0; r < rounds; r++) {
                long[] before = cpu();
                long serverBefore = server.cpuNanos();
                long start = System.nanoTime();
                for (BenchRoom room : round(measured.get(r), options.get("stagger"), scheduler)) {
                    samples.addAll(room.advisor.samples);
                    samples.addAll(room.customer.samples);
                    setups.add(room.setupNanos);
                    messages[0] += room.advisor.sent + room.customer.sent;
                    messages[1] += room.received();
                }
                add(signaling, before, cpu(), server.cpuNanos() - serverBefore, System.nanoTime() - start);
                before = cpu();
                long echoBefore = echo.cpuNanos();
                start = System.nanoTime();
                echoSamples.addAll(EchoReplay.round(measured.get(r), echo.port(), client, scheduler));
                add(anchor, before, cpu(), echo.cpuNanos() - echoBefore, System.nanoTime() - start);
            }
            double seconds = signaling[3] / 1e9;
            double serverNanos = signaling[2];
            List<Double> gc = server.gcPauses();
            gc = gc.subList(Math.min(gcBefore, gc.size()), gc.size());
            long[] harnessGcAfter = harnessGc();
            report(options, server.describe(), samples, setups, messages, seconds);
            System.out.printf("| server CPU per room setup (2 joins with ES256 checks, 26 relays, 2 leaves) |"
                    + " %.2f ms |%n", serverNanos / 1e6 / setups.size());
            System.out.printf("| server GC pauses in the measured rounds: count / longest | %s |%n",
                    options.get("fork") == 0
                            ? "– (shared JVM)"
                            : String.format("%d / %.2f ms", gc.size(),
                                    gc.stream().mapToDouble(Double::doubleValue).max().orElse(0)));
            Runtime heap = Runtime.getRuntime();
            System.out.printf(
                    "| harness GC pauses in the measured rounds: count / total; heap used at the end | %d / %d"
                            + " ms; %d MiB |%n",
                    harnessGcAfter[0] - harnessGcBefore[0], harnessGcAfter[1]
                            - harnessGcBefore[1],
                    (heap.totalMemory() - heap.freeMemory()) >> 20);
            double harnessCores = signaling[0] / 1e9 / seconds;
            System.out.printf("| CPU in the measured rounds: server / harness / whole machine | %.2f / %.2f / %s"
                    + " cores |%n", serverNanos / 1e9 / seconds,
                    options.get("fork") == 0
                            ? harnessCores - serverNanos / 1e9 / seconds
                            : harnessCores,
                    signaling[1] < 0 ? "?" : String.format("%.2f", signaling[1] / 100.0 / seconds));
            anchorReport(samples, echoSamples, anchor, setups.size());
        } finally {
            client.stop();
            scheduler.shutdownNow();
        }
    }

    /**
     * What the forked server runs with unless BENCH_SERVER_JAVA_OPTS says otherwise: the JVM options docs/performance.md
     * recommends for the server (ZGC's sub-millisecond pauses; token checks at a lower OS priority than relays).
     */
    static final String DEFAULT_SERVER_JAVA_OPTS = "-Xms512m -Xmx512m -XX:+UseZGC -XX:ThreadPriorityPolicy=1"
            + " -XX:JavaPriority1_To_OSPriority=19";

    /** A round's rooms with their tokens: minted before the round, since signing is the app's work, not the server's. */
    private static List<BenchRoom> rooms(int round, Map<String, Integer> options, int port, TestTokens tokens,
            WebSocketClient client, ScheduledExecutorService pacer) {
        List<BenchRoom> rooms = new ArrayList<>();
        for (int i = 0; i < options.get("rooms"); i++) {
            String sessionId = "bench-" + round + "-" + i;
            rooms.add(new BenchRoom(sessionId, tokens.mint(sessionId, "advisor-" + sessionId, Role.ADVISOR),
                    tokens.mint(sessionId, "customer", Role.CUSTOMER), options.get("candidates"), port, client, pacer,
                    options.get("pace")));
        }
        return rooms;
    }

    private static List<BenchRoom> round(List<BenchRoom> rooms, int stagger, ScheduledExecutorService scheduler)
            throws Exception {
        BenchRoom.roundStart = System.nanoTime();
        for (BenchRoom room : rooms) {
            if (stagger == 0) {
                room.start();
            } else {
                scheduler.schedule(room::start, ThreadLocalRandom.current().nextLong(stagger), TimeUnit.MILLISECONDS);
            }
        }
        for (BenchRoom room : rooms) {
            room.done.get(60, TimeUnit.SECONDS);
        }
        return rooms;
    }

    /** Adds one window to {@code totals}: harness CPU ns, machine busy jiffies (-1 once unknown), other CPU, wall. */
    private static void add(long[] totals, long[] before, long[] after, long otherCpuNanos, long wallNanos) {
        totals[0] += after[0] - before[0];
        totals[1] = totals[1] < 0 || after[1] < 0 || before[1] < 0 ? -1 : totals[1] + after[1] - before[1];
        totals[2] += otherCpuNanos;
        totals[3] += wallNanos;
    }

    /**
     * The anchor: the same messages, sent at the same moments of each round over as many sockets, echoed by a bare
     * Jetty 12 WebSocket server (no token, no room, no parsing) in a JVM with the same options; and the signaling
     * server's relay latency as a multiple of it.
     */
    private static void anchorReport(List<BenchPeer.Sample> samples, List<Long> echoSamples, long[] anchor,
            int setups) {
        long[] relayed = samples.stream().mapToLong(BenchPeer.Sample::nanos).sorted().toArray();
        long[] echoed = echoSamples.stream().mapToLong(Long::longValue).sorted().toArray();
        double seconds = anchor[3] / 1e9;
        System.out.println();
        System.out.println("### Anchor: a bare Jetty 12 WebSocket echo, the same messages at the same moments");
        System.out.println();
        System.out.println("| send to receipt | samples | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        row("signaling, relayed to the other peer", samples.stream().map(BenchPeer.Sample::nanos).toList());
        row("echo, back to the sender", echoSamples);
        System.out.println();
        System.out.println("| relayed signaling message / echo | value |");
        System.out.println("|---|---:|");
        System.out.printf("| p99 ratio (target <= 1.5) | **%.2f** |%n", (double) at(relayed, 0.99) / at(echoed,
                0.99));
        System.out.printf("| p50 ratio | %.2f |%n", (double) at(relayed, 0.50) / at(echoed, 0.50));
        System.out.printf("| echoed messages per second (echo rounds) | %.0f |%n", echoed.length / seconds);
        System.out.printf("| echo server CPU per replayed room setup (26 messages) | %.2f ms |%n",
                anchor[2] / 1e6 / setups);
        System.out.printf(
                "| CPU in the echo rounds: echo server / harness / whole machine | %.2f / %.2f / %s cores |%n",
                anchor[2] / 1e9 / seconds, anchor[0] / 1e9 / seconds, anchor[1] < 0
                        ? "?"
                        : String.format("%.2f", anchor[1] / 100.0 / seconds));
    }

    /** The harness JVM's GC pauses so far: count and total ms. */
    private static long[] harnessGc() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new long[]{count, millis};
    }

    private static void report(Map<String, Integer> options, String server, List<BenchPeer.Sample> samples,
            List<Long> setups, long[] messages, double seconds) {
        int setupCount = options.get("rooms") * options.get("rounds");
        System.out.printf("## Signaling benchmark: %d concurrent room setups x %d rounds (after %d warm-up rounds),"
                + " started %s, %s%n%n", options.get("rooms"), options.get("rounds"), options.get("warmup"),
                options.get("stagger") == 0 ? "all at once" : "within " + options.get("stagger") + " ms",
                options.get("pace") == 0 ? "messages back to back" : "paced " + options.get("pace") + " ms");
        System.out.printf("Machine: %d cores (`availableProcessors`); harness: Java %s (%s), max heap %d MiB; server in"
                + " %s; loopback.%n%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                ManagementFactory.getRuntimeMXBean().getVmName(), Runtime.getRuntime().maxMemory() / (1024 * 1024),
                server);
        System.out.println("| relayed | samples | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        Map<String, List<Long>> byType = new TreeMap<>();
        for (BenchPeer.Sample s : samples) {
            byType.computeIfAbsent(s.type(), t -> new ArrayList<>()).add(s.nanos());
        }
        byType.forEach((type, nanos) -> row("`" + type + "`", nanos));
        row("all", samples.stream().map(BenchPeer.Sample::nanos).toList());
        System.out.println();
        System.out.println("| per room setup | value |");
        System.out.println("|---|---:|");
        System.out.printf("| messages client -> server | %.1f |%n", (double) messages[0] / setupCount);
        System.out.printf("| messages server -> client | %.1f |%n", (double) messages[1] / setupCount);
        System.out.printf("| candidates each way | %d + end-of-candidates |%n", options.get("candidates"));
        System.out.printf("| think time before each message a peer sends | %s |%n", options.get("pace") == 0
                ? "none (back to back)"
                : "0–" + 2 * options.get("pace") + " ms, mean " + options.get("pace") + " ms");
        System.out.printf("| room setups in flight at once (peak) | %d |%n", BenchRoom.PEAK_IN_FLIGHT.get());
        long[] setup = setups.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("| setup time p50 / p99 (join to last mute) | %.2f / %.2f ms |%n", ms(at(setup, 0.50)),
                ms(at(setup, 0.99)));
        System.out.printf("| relayed messages per second (measured rounds) | %.0f |%n", samples.size() / seconds);
    }

    /** This JVM's CPU time in ns, and the machine's busy time in jiffies (1/100 s) from /proc/stat, or -1. */
    private static long[] cpu() {
        long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i <= 8; i++) {
                busy += i == 4 || i == 5 ? 0 : Long.parseLong(f[i]); // all but idle and iowait
            }
            return new long[]{process, busy};
        } catch (IOException | RuntimeException e) {
            return new long[]{process, -1};
        }
    }

    private static void row(String label, List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("| %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f |%n", label, sorted.length,
                ms(at(sorted, 0.50)), ms(at(sorted, 0.90)), ms(at(sorted, 0.99)), ms(at(sorted, 0.999)),
                ms(sorted[sorted.length - 1]));
    }

    private static long at(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static Map<String, Integer> options(String[] args) {
        Map<String, Integer> options = new TreeMap<>(Map.of("rooms", 100, "rounds", 5, "warmup", 10, "candidates",
                10, "stagger", 0, "pace", 0, "fork", 1));
        for (int i = 0; i < args.length; i++) {
            String name = args[i].replaceFirst("^--", "");
            if (!options.containsKey(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i] + " (options: "
                        + Arrays.toString(options.keySet().toArray()) + ")");
            }
            options.put(name, Integer.parseInt(args[++i]));
        }
        return options;
    }
}

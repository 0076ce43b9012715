package io.tandem.bench;

import static io.tandem.bench.RelayBench.fmt;
import static io.tandem.bench.RelayBench.log;
import static io.tandem.bench.RelayBench.ms;

import io.tandem.bench.BenchSocket.Out;
import io.tandem.bench.TrafficStats.Kind;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/bench --compare}: the same traffic through Tandem and through a bare forwarder ({@link BareForwarder}), in
 * the same run, point by point (forwarder, then Tandem, at each session count), each server pinned to its own core.
 * Prints Tandem's ratios to the forwarder (CPU per relayed message, pointer p99 and p99.9, RSS) at the report points
 * and the knee of each: the first session count whose pointer p99 passes the knee threshold. Issue 20's workload by
 * default: per session a 200 KB–1 MB snapshot (again every 30 s), mutation batches at 2/s, pointer moves at 30 Hz from
 * the customer and at 30 Hz from the advisor.
 */
final class SideBySide {

    /** The options of the comparison; the traffic ones mean what they mean for a single run. */
    static final class Options {
        List<Integer> points = List.of(250, 500);
        int kneeStep = 250;
        int kneeMax = 1000;
        double kneeMs = 100;
        int seconds = 30;
        int warmup = 15;
        int stagger = 5;
        int snapshotEvery = 30;
        double ptrHz = 30;
        double mutHz = 2;
        double viewerPtrHz = 30;
        int concurrency = 16;
        String serverHeap = "1g";
        List<String> serverOpts = RelayBench.SHIPPED_GC;
        List<String> serverCpus = List.of();
        boolean jfr;
        /** bin/bench --isolation: Tandem alone, undisturbed and beside slow consumers and flooders. */
        boolean isolation;
        int disturbers = 10;
        Path root = Path.of(".");
        String given = "";

        static Options parse(String[] args) {
            Options o = new Options();
            StringBuilder given = new StringBuilder(" --compare");
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--root") || a.equals("--server-cpus")) {
                    // set by bin/bench, not by the person running it
                } else {
                    given.append(' ').append(a.contains(" ") || a.isEmpty() ? "\"" + a + "\"" : a);
                }
                if (a.equals("--jfr")) {
                    o.jfr = true;
                    continue;
                }
                if (a.equals("--isolation")) {
                    o.isolation = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    fail("missing value after " + a);
                }
                String v = args[++i];
                if (!a.equals("--root") && !a.equals("--server-cpus")) {
                    given.append(' ').append(v.contains(" ") || v.isEmpty() ? "\"" + v + "\"" : v);
                }
                switch (a) {
                    case "--points" -> o.points = java.util.Arrays.stream(v.split(",")).map(String::trim).map(
                            Integer::parseInt).sorted().toList();
                    case "--knee-step" -> o.kneeStep = Integer.parseInt(v);
                    case "--knee-max" -> o.kneeMax = Integer.parseInt(v);
                    case "--knee-ms" -> o.kneeMs = Double.parseDouble(v);
                    case "--seconds" -> o.seconds = Integer.parseInt(v);
                    case "--warmup" -> o.warmup = Integer.parseInt(v);
                    case "--stagger" -> o.stagger = Integer.parseInt(v);
                    case "--snapshot-every" -> o.snapshotEvery = Integer.parseInt(v);
                    case "--ptr-hz" -> o.ptrHz = Double.parseDouble(v);
                    case "--mut-hz" -> o.mutHz = Double.parseDouble(v);
                    case "--viewer-ptr-hz" -> o.viewerPtrHz = Double.parseDouble(v);
                    case "--concurrency" -> o.concurrency = Integer.parseInt(v);
                    case "--server-heap" -> o.serverHeap = v;
                    case "--server-opts" -> o.serverOpts = v.isBlank() ? List.of() : List.of(v.trim().split("\\s+"));
                    case "--server-cpus" -> o.serverCpus = v.isBlank() ? List.of() : List.of("taskset", "-c", v);
                    case "--root" -> o.root = Path.of(v);
                    case "--disturbers" -> o.disturbers = Integer.parseInt(v);
                    default -> fail("unknown option for --compare: " + a);
                }
            }
            if (o.points.isEmpty() || o.points.get(0) <= 0 || o.kneeStep <= 0 || o.seconds <= 0 || o.warmup <= 0
                    || o.stagger <= 0 || o.snapshotEvery <= 0 || o.disturbers <= 0) {
                fail("--points, --knee-step, --seconds, --warmup, --stagger, --snapshot-every and --disturbers must be"
                        + " positive");
            }
            o.given = given.toString();
            return o;
        }

        /** The session counts to run, ascending: the report points and the knee search's steps. */
        List<Integer> counts() {
            TreeSet<Integer> counts = new TreeSet<>(points);
            for (int n = kneeStep; n <= kneeMax; n += kneeStep) {
                counts.add(n);
            }
            return List.copyOf(counts);
        }

        private static void fail(String message) {
            System.err.println("RelayBench --compare: " + message);
            System.exit(2);
        }
    }

    /**
     * What one server did at one session count, in the measuring window; {@code serverCpuSeconds} is its CPU rate
     * over the window's length.
     */
    record Point(String server, int sessions, double seconds, long received, long receivedBytes, long ptrReceived,
            long p50, long p99, long p999, long max, long mutP99, long snapP99, long reliableLost, long resets,
            long unexpected, long sendFailures, double serverCpuSeconds, double harnessCores, double machineBusy,
            long rssKb, long peakRssKb, String loadBefore, String loadAfter, String gc) {

        double cpuPerMillion() {
            return received == 0 ? Double.NaN : serverCpuSeconds / received * 1e6;
        }
    }

    private final Options o;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, RelayBench.daemon(
            "bench-sched"));
    private final List<Point> results = new ArrayList<>();
    private final StringBuilder notes = new StringBuilder();
    private RrwebPayloads payloads;
    private Path out;

    private SideBySide(Options o) {
        this.o = o;
    }

    static int main(String[] args) throws Exception {
        SideBySide s = new SideBySide(Options.parse(args));
        return s.run();
    }

    private int run() throws Exception {
        out = o.root.resolve("target/bench").toAbsolutePath();
        Files.createDirectories(out);
        Path jar = o.root.resolve("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        String forwarderClasspath = System.getProperty("tandem.bench.forwarder-classpath");
        if (!Files.isRegularFile(jar) || forwarderClasspath == null) {
            throw new IOException("run through bin/bench --compare (needs " + jar + " and the forwarder's classpath)");
        }
        String stamp = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        payloads = RrwebPayloads.generate(20261122L);
        String loadAtStart = loadAverage();
        log("load average at start: %s; harness on CPUs %s, servers on %s", loadAtStart, affinity(ProcessHandle
                .current().pid()), o.serverCpus.isEmpty() ? "any (not pinned)" : o.serverCpus.get(2));

        if (o.isolation) {
            return isolation(stamp, loadAtStart, jar);
        }
        List<BenchTarget> targets = new ArrayList<>();
        try {
            targets.add(ForwarderTarget.start(out, forwarderClasspath, o));
            targets.add(TandemTarget.start(out, jar, http, o));
            for (BenchTarget t : targets) {
                log("%s: pid %d, CPUs %s", t.name(), t.pid(), affinity(t.pid()));
                // JIT warm-up, not reported: 50 sessions (or the first point's count) for 15 s
                int warm = Math.min(50, o.counts().get(0));
                t.ensureSessions(warm, o.concurrency);
                runPoint(t, warm, 13, 2, false, Disturbance.NONE);
            }
            Map<String, Integer> knee = new TreeMap<>();
            int lastPoint = o.points.get(o.points.size() - 1);
            for (int n : o.counts()) {
                boolean anyRan = false;
                for (BenchTarget t : targets) {
                    if (knee.containsKey(t.name()) && n > lastPoint) {
                        continue; // past its knee and past the report points
                    }
                    t.ensureSessions(n, o.concurrency);
                    Point p = runPoint(t, n, o.warmup, o.seconds, o.jfr && o.points.contains(n),
                            Disturbance.NONE);
                    results.add(p);
                    anyRan = true;
                    log("%s at %d sessions: %s msg/s, pointer p50 %s / p99 %s / p99.9 %s ms, server %s cores, %s"
                            + " CPU-s per 1M messages, RSS %d MB, harness %s cores, load %s", t.name(), n,
                            fmt(p.received() / p.seconds()), ms(p.p50()), ms(p.p99()), ms(p.p999()), fmt(p
                                    .serverCpuSeconds() / p.seconds()),
                            fmt(p.cpuPerMillion()), p.rssKb() / 1024,
                            fmt(p.harnessCores()), p.loadAfter());
                    if (p.p99() > o.kneeMs * 1e6) {
                        knee.putIfAbsent(t.name(), n);
                    }
                }
                if (!anyRan) {
                    break;
                }
            }
        } finally {
            for (BenchTarget t : targets) {
                try {
                    t.close();
                } catch (Exception e) {
                    log("closing %s: %s", t.name(), e);
                }
            }
            scheduler.shutdownNow();
        }
        String report = report(stamp, loadAtStart, targets);
        System.out.println();
        System.out.println(report);
        Path file = out.resolve("side-by-side-" + stamp + ".md");
        Files.writeString(file, report);
        log("report written to %s", file);
        return 0;
    }

    // ---------------------------------------------------------------- one point

    /** One session: its two sockets and what runs for them. */
    private record Pair(BenchSocket customer, BenchSocket advisor, List<ScheduledFuture<?>> tasks) {}

    private Point runPoint(BenchTarget t, int n, int warmupSeconds, int windowSeconds, boolean profile,
            Disturbance disturbance) throws Exception {
        TrafficStats stats = new TrafficStats();
        long t0 = System.nanoTime();
        List<Pair> pairs = connect(t, n, stats);
        log("%s: %d sessions connected in %d ms", t.name(), n, (System.nanoTime() - t0) / 1_000_000);
        Disturbers disturbers = disturbance == Disturbance.NONE
                ? null
                : new Disturbers(t, disturbance, n, o.disturbers);
        long loadStart = System.nanoTime();
        long windowStart = loadStart + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long windowEnd = windowStart + TimeUnit.SECONDS.toNanos(windowSeconds);
        stats.window(windowStart, windowEnd);
        if (disturbers != null) {
            disturbers.start(windowStart, windowEnd);
        }
        startTraffic(pairs);
        Path jfrFile = out.resolve(t.name() + "-" + n + ".jfr");
        if (profile) {
            // started during the warm-up: jcmd takes a while, and the window must open on time
            RelayBench.sleepUntil(windowStart - TimeUnit.SECONDS.toNanos(Math.min(3, warmupSeconds)));
            jcmd(t.pid(), "JFR.start", "name=bench", "settings=profile", "filename=" + jfrFile);
        }
        RelayBench.sleepUntil(windowStart);
        String load0 = loadAverage();
        long wall0 = System.currentTimeMillis();
        long at0 = System.nanoTime();
        long server0 = ticks(t.pid());
        Map<String, Long> threads0 = BenchServer.threadTicks(t.pid());
        long harness0 = harnessCpuNanos();
        long[] machine0 = RelayBench.machineTicks();
        RelayBench.sleepUntil(windowEnd);
        long at1 = System.nanoTime();
        long server1 = ticks(t.pid());
        Map<String, Long> threads1 = BenchServer.threadTicks(t.pid());
        long harness1 = harnessCpuNanos();
        long[] machine1 = RelayBench.machineTicks();
        long wall1 = System.currentTimeMillis();
        long[] rss = rss(t.pid());
        String load1 = loadAverage();
        if (profile) {
            jcmd(t.pid(), "JFR.stop", "name=bench");
        }
        if (windowSeconds > 2) {
            threadNotes(t.name(), n, threads0, threads1, (at1 - at0) / 1e9);
        }
        for (Pair p : pairs) {
            p.tasks().forEach(f -> f.cancel(false));
        }
        if (disturbers != null) {
            disturbers.stop();
            notes.append("- ").append(disturbers.summary()).append('\n');
        }
        Thread.sleep(2000); // drain: frames stamped in the window may still be on their way
        for (Pair p : pairs) {
            p.customer().close();
            p.advisor().close();
        }
        for (Pair p : pairs) {
            for (BenchSocket s : List.of(p.customer(), p.advisor())) {
                try {
                    s.closed.get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    s.abort();
                }
            }
        }
        if (profile) {
            try {
                notes.append(JfrSummary.summarize(jfrFile, t.name() + " at " + n + " sessions"));
            } catch (Exception e) {
                notes.append("- JFR summary of ").append(jfrFile).append(" failed: ").append(e).append('\n');
            }
        }
        // Messages count by their stamp inside [windowStart, windowEnd); CPU between the readings at0 and at1, which
        // a busy machine may take late: each is a rate over its own interval.
        double seconds = (windowEnd - windowStart) / 1e9;
        double cpuInterval = (at1 - at0) / 1e9;
        long clk = RelayBench.clockTicks();
        long received = 0;
        long bytes = 0;
        for (Kind k : Kind.values()) {
            received += stats.received[k.ordinal()].sum();
            bytes += stats.receivedBytes[k.ordinal()].sum();
        }
        long lost = 0;
        for (Kind k : List.of(Kind.MUT, Kind.SNAP)) {
            lost += stats.sent[k.ordinal()].sum() - stats.received[k.ordinal()].sum();
        }
        Latency ptr = stats.latency[Kind.PTR.ordinal()];
        long unexpected = stats.unexpectedCloses.values().stream().mapToLong(java.util.concurrent.atomic.LongAdder::sum)
                .sum();
        stats.unexpectedCloses.forEach((k, v) -> notes.append("- ").append(t.name()).append(" at ").append(n)
                .append(" sessions: ").append(v.sum()).append(" × ").append(k).append('\n'));
        return new Point(disturbance.label(t.name(), o.disturbers), n, seconds, received, bytes,
                stats.received[Kind.PTR.ordinal()].sum(), ptr
                        .quantile(0.5),
                ptr.quantile(0.99), ptr.quantile(0.999), ptr.max(),
                stats.latency[Kind.MUT.ordinal()].quantile(0.99), stats.latency[Kind.SNAP.ordinal()].quantile(0.99),
                lost, stats.resets.sum(), unexpected, stats.sendFailures.sum(),
                (server1 - server0) / (double) clk * seconds / cpuInterval,
                (harness1 - harness0) / 1e9 / cpuInterval, RelayBench.busyCores(machine0, machine1), rss[0], rss[1],
                load0, load1, gcPauses(t.gcLog(), t.startMillis(), wall0, wall1));
    }

    private List<Pair> connect(BenchTarget t, int n, TrafficStats stats) throws Exception {
        return connect(t, 0, n, stats);
    }

    /** Sessions first to first + n - 1: customer and advisor connected and welcomed, pings every 10 s. */
    private List<Pair> connect(BenchTarget t, int first, int n, TrafficStats stats) throws Exception {
        List<Callable<Pair>> calls = new ArrayList<>();
        for (int i = first; i < first + n; i++) {
            int s = i;
            calls.add(() -> {
                URI uri = t.uri(s);
                BenchSocket customer = new BenchSocket(true, stats, payloads);
                customer.connect(http, uri, t.origin(), t.customerAuthorization(s)).get(30, TimeUnit.SECONDS);
                customer.send(Out.HELLO);
                customer.welcomed.get(30, TimeUnit.SECONDS);
                BenchSocket advisor = new BenchSocket(false, stats, payloads);
                advisor.connect(http, uri, t.origin(), t.advisorAuthorization(s)).get(30, TimeUnit.SECONDS);
                advisor.send(Out.HELLO);
                advisor.welcomed.get(30, TimeUnit.SECONDS);
                List<ScheduledFuture<?>> tasks = new ArrayList<>();
                for (BenchSocket socket : List.of(customer, advisor)) {
                    tasks.add(scheduler.scheduleAtFixedRate(() -> socket.send(Out.PING), ThreadLocalRandom.current()
                            .nextLong(10_000), 10_000, TimeUnit.MILLISECONDS));
                }
                return new Pair(customer, advisor, tasks);
            });
        }
        return all(calls, o.concurrency);
    }

    /** As a single run's traffic (RelayBench): snapshot at start and every T s, mutations and pointers at rates. */
    private void startTraffic(List<Pair> pairs) {
        long ptrPeriod = (long) (1e9 / o.ptrHz);
        long mutPeriod = (long) (1e9 / o.mutHz);
        long snapPeriod = TimeUnit.SECONDS.toNanos(o.snapshotEvery);
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        for (Pair p : pairs) {
            long offset = rnd.nextLong(TimeUnit.SECONDS.toNanos(o.stagger));
            BenchSocket c = p.customer();
            c.answerSnapshotRequests = true;
            List<ScheduledFuture<?>> tasks = p.tasks();
            tasks.add(scheduler.schedule(() -> c.send(Out.SNAP), offset, TimeUnit.NANOSECONDS));
            tasks.add(scheduler.scheduleAtFixedRate(() -> c.send(Out.SNAP), offset + snapPeriod / 2 + rnd.nextLong(
                    snapPeriod), snapPeriod, TimeUnit.NANOSECONDS));
            tasks.add(scheduler.scheduleAtFixedRate(() -> c.send(Out.MUT), offset + rnd.nextLong(mutPeriod),
                    mutPeriod, TimeUnit.NANOSECONDS));
            tasks.add(scheduler.scheduleAtFixedRate(() -> c.send(Out.PTR), offset + rnd.nextLong(ptrPeriod),
                    ptrPeriod, TimeUnit.NANOSECONDS));
            if (o.viewerPtrHz > 0) {
                long viewerPeriod = (long) (1e9 / o.viewerPtrHz);
                tasks.add(scheduler.scheduleAtFixedRate(() -> p.advisor().send(Out.PTR), offset + rnd.nextLong(
                        viewerPeriod), viewerPeriod, TimeUnit.NANOSECONDS));
            }
        }
    }

    // ---------------------------------------------------------------- isolation (bin/bench --isolation)

    /** What runs beside the measured sessions in a window. */
    enum Disturbance {
        NONE,
        SLOW_CONSUMERS,
        FLOODERS;

        String label(String server, int k) {
            return switch (this) {
                case NONE -> server;
                case SLOW_CONSUMERS -> server + " + " + k + " slow consumers";
                case FLOODERS -> server + " + " + k + " flooders";
            };
        }
    }

    /**
     * K extra sessions (numbered after the measured ones) that misbehave, counted apart from the measured sessions.
     * Slow consumers: the customer sends the usual traffic and the advisor stops reading after its welcome. Flooders:
     * the customer sends dom.mut back to back as fast as its socket takes them, and when it is closed, connects again
     * at once (100 ms later) and floods again, as a hostile client would; the advisor reads.
     */
    private final class Disturbers {
        private final BenchTarget target;
        private final Disturbance kind;
        private final int first;
        private final int count;
        private final TrafficStats noise = new TrafficStats();
        private final List<Pair> pairs = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final List<BenchSocket> reconnected = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final java.util.concurrent.atomic.AtomicLong reconnects = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong welcomedAgain = new java.util.concurrent.atomic.AtomicLong();
        private final Path serverLog = out.resolve("server.log");
        private long logFrom;
        private volatile boolean stopped;

        Disturbers(BenchTarget target, Disturbance kind, int first, int count) {
            this.target = target;
            this.kind = kind;
            this.first = first;
            this.count = count;
        }

        void start(long windowStart, long windowEnd) throws Exception {
            noise.window(windowStart, windowEnd);
            logFrom = Files.exists(serverLog) ? Files.size(serverLog) : 0;
            pairs.addAll(connect(target, first, count, noise));
            if (kind == Disturbance.SLOW_CONSUMERS) {
                pairs.forEach(p -> p.advisor().stall = true);
                startTraffic(pairs);
            } else {
                for (int i = 0; i < pairs.size(); i++) {
                    flood(pairs.get(i).customer(), first + i);
                }
            }
        }

        private void flood(BenchSocket customer, int session) {
            customer.flood = true;
            customer.send(Out.MUT);
            customer.closed.whenComplete((code, e) -> {
                if (!stopped) {
                    scheduler.schedule(() -> again(session), 100, TimeUnit.MILLISECONDS);
                }
            });
        }

        private void again(int session) {
            if (stopped) {
                return;
            }
            reconnects.incrementAndGet();
            BenchSocket s = new BenchSocket(true, noise, payloads);
            reconnected.add(s);
            s.connect(http, target.uri(session), target.origin(), target.customerAuthorization(session))
                    .whenComplete((socket, e) -> {
                        if (e != null) {
                            if (!stopped) {
                                scheduler.schedule(() -> again(session), 100, TimeUnit.MILLISECONDS);
                            }
                            return;
                        }
                        s.welcomed.thenRun(welcomedAgain::incrementAndGet);
                        s.send(Out.HELLO);
                        flood(s, session);
                    });
        }

        void stop() {
            stopped = true;
            for (Pair p : pairs) {
                p.tasks().forEach(f -> f.cancel(false));
                p.customer().flood = false;
                p.customer().abort();
                p.advisor().abort();
            }
            reconnected.forEach(s -> {
                s.flood = false;
                s.abort();
            });
        }

        /** The server's "Closing <peer>: <why>" log lines since the start, counted by why (numbers as N). */
        private String serverCloses() {
            try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(serverLog.toFile(), "r")) {
                f.seek(Math.min(logFrom, f.length()));
                byte[] rest = new byte[(int) Math.min(Integer.MAX_VALUE - 8, f.length() - f.getFilePointer())];
                f.readFully(rest);
                Map<String, Integer> why = new TreeMap<>();
                int slowed = 0;
                for (String l : new String(rest, java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                    if (l.contains("Slowing ")) {
                        slowed++; // a participant over its rate, slowed to it (one line per connection)
                    }
                    int at = l.indexOf("Closing ");
                    int colon = at < 0 ? -1 : l.indexOf(": ", at);
                    if (colon > 0) {
                        why.merge(l.substring(colon + 2).replaceAll("[0-9]+", "N").trim(), 1, Integer::sum);
                    }
                }
                return (why.isEmpty()
                        ? "none"
                        : String.join(", ", why.entrySet().stream().map(e -> e.getValue() + " × \"" + e.getKey()
                                + "\"").toList()))
                        + " (and " + slowed + " connections slowed to their rate)";
            } catch (IOException e) {
                return "? (" + e.getMessage() + ")";
            }
        }

        String summary() {
            long sentMut = noise.sent[Kind.MUT.ordinal()].sum();
            long relayedMut = noise.received[Kind.MUT.ordinal()].sum();
            double window = (noise.windowEnd() - noise.windowStart()) / 1e9;
            StringBuilder b = new StringBuilder(kind.label(target.name(), count)).append(": ");
            if (kind == Disturbance.FLOODERS) {
                b.append("the flooders sent ").append(fmt(sentMut / window)).append(" dom.mut/s in the window (")
                        .append(fmt(noise.sentBytes[Kind.MUT.ordinal()].sum() / window / 1e6))
                        .append(" MB/s), of which ").append(fmt(relayedMut / window))
                        .append("/s reached their advisors; ").append(reconnects.get())
                        .append(" connects again after a close, ").append(welcomedAgain.get())
                        .append(" of them welcomed into the room");
            } else {
                b.append("their customers sent ").append(fmt(sentMut / window)).append(" dom.mut/s in the window; ")
                        .append("the advisors that stopped reading got ").append(relayedMut).append(" of them");
            }
            b.append("; the server's closes in the window: ").append(serverCloses());
            b.append("; what their sockets saw: ");
            b.append(noise.unexpectedCloses.isEmpty()
                    ? "no close"
                    : String.join(", ", noise.unexpectedCloses.entrySet().stream().map(e -> e.getValue().sum()
                            + " × " + e.getKey()).sorted().toList()));
            return b.toString();
        }
    }

    /** Four windows at the first --points count: undisturbed, slow consumers, flooders, undisturbed again. */
    private int isolation(String stamp, String loadAtStart, Path jar) throws Exception {
        int n = o.points.get(0);
        List<Disturbance> phases = List.of(Disturbance.NONE, Disturbance.SLOW_CONSUMERS, Disturbance.FLOODERS,
                Disturbance.NONE);
        BenchTarget t = TandemTarget.start(out, jar, http, o);
        try {
            log("%s: pid %d, CPUs %s", t.name(), t.pid(), affinity(t.pid()));
            int warm = Math.min(50, n);
            t.ensureSessions(warm, o.concurrency);
            runPoint(t, warm, 13, 2, false, Disturbance.NONE);
            t.ensureSessions(n + o.disturbers, o.concurrency);
            for (Disturbance d : phases) {
                Point p = runPoint(t, n, o.warmup, o.seconds, false, d);
                results.add(p);
                log("%s at %d sessions: pointer p50 %s / p99 %s / p99.9 %s ms, server %s cores, load %s", p.server(),
                        n, ms(p.p50()), ms(p.p99()), ms(p.p999()), fmt(p.serverCpuSeconds() / p.seconds()),
                        p.loadAfter());
            }
        } finally {
            try {
                t.close();
            } catch (Exception e) {
                log("closing %s: %s", t.name(), e);
            }
            scheduler.shutdownNow();
        }
        String report = isolationReport(stamp, loadAtStart, t, n);
        System.out.println();
        System.out.println(report);
        Path file = out.resolve("isolation-" + stamp + ".md");
        Files.writeString(file, report);
        log("report written to %s", file);
        return 0;
    }

    private String isolationReport(String stamp, String loadAtStart, BenchTarget t, int n) {
        StringBuilder r = new StringBuilder();
        r.append("## Isolation: ").append(n).append(" measured sessions beside ").append(o.disturbers)
                .append(" slow consumers or flooders, ").append(stamp).append(" UTC\n\n");
        r.append("`bin/bench").append(o.given.replace(" --compare", "")).append("`\n\n");
        r.append("| | |\n|---|---|\n");
        r.append("| machine | ").append(RelayBench.cores()).append(" cores, ").append(RelayBench.cpuModel())
                .append(", ").append(RelayBench.memTotal()).append(" |\n");
        r.append("| JDK | ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(" |\n");
        r.append("| server | ").append(t.description()).append(", CPU ").append(o.serverCpus.isEmpty()
                ? "any (not pinned)"
                : o.serverCpus.get(2)).append(" |\n");
        r.append("| windows | ").append(o.seconds).append(" s after ").append(o.warmup)
                .append(" s of traffic each; the measured sessions' traffic as in --compare |\n");
        r.append("| load average (1/5/15 min) at start | ").append(loadAtStart).append(" |\n\n");
        r.append("| window | ptr p50 ms | ptr p99 ms | ptr p99.9 ms | ptr max ms | mut p99 ms | relayed msg/s |"
                + " server cores | RSS MB | GC pauses n / ms / longest | load 1 min after | p99 ÷ undisturbed |\n");
        r.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|\n");
        List<Point> calm = results.stream().filter(p -> p.server().equals(t.name())).toList();
        double base = calm.stream().mapToLong(Point::p99).average().orElse(Double.NaN);
        for (Point p : results) {
            r.append("| ").append(p.server()).append(" | ").append(ms(p.p50())).append(" | ").append(ms(p.p99()))
                    .append(" | ").append(ms(p.p999())).append(" | ").append(ms(p.max())).append(" | ")
                    .append(ms(p.mutP99())).append(" | ").append(fmt(p.received() / p.seconds())).append(" | ")
                    .append(fmt(p.serverCpuSeconds() / p.seconds())).append(" | ").append(p.rssKb() / 1024)
                    .append(" | ").append(p.gc()).append(" | ").append(p.loadAfter().split(" ")[0]).append(" | ")
                    .append(ratio(p.p99() / base)).append(" |\n");
        }
        r.append("\nThe undisturbed windows' p99s, ");
        r.append(String.join(" and ", calm.stream().map(p -> ms(p.p99()) + " ms").toList()));
        r.append(", differ by ");
        if (calm.size() == 2) {
            r.append(fmt(100.0 * Math.abs(calm.get(0).p99() - calm.get(1).p99()) / base))
                    .append(" % of their mean: a difference smaller than that is this machine's noise.");
        }
        r.append(" Target (issue 20): each disturbed window's p99 within 1.10× of the undisturbed mean.\n\n");
        for (Point p : results) {
            if (!p.server().equals(t.name())) {
                double v = p.p99() / base;
                r.append("- ").append(p.server()).append(": ").append(ratio(v)).append(' ')
                        .append(v <= 1.10 ? "(met)" : "(**not met**)").append('\n');
            }
        }
        if (notes.length() > 0) {
            r.append("\n### Notes\n\n").append(notes).append('\n');
        }
        return r.toString();
    }

    /** The server's busiest thread groups in the window, in cores: where a server's CPU went, for the notes. */
    private void threadNotes(String server, int n, Map<String, Long> before, Map<String, Long> after,
            double seconds) {
        double clk = RelayBench.clockTicks();
        notes.append("- ").append(server).append(" at ").append(n).append(" sessions, busiest threads (cores): ")
                .append(String.join(", ", after.entrySet().stream().map(e -> Map.entry(e.getKey(), (e.getValue()
                        - before.getOrDefault(e.getKey(), 0L)) / clk / seconds)).filter(e -> e.getValue() >= 0.01)
                        .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(6).map(e -> "`" + e
                                .getKey() + "` " + fmt(e.getValue()))
                        .toList()))
                .append('\n');
    }

    static <T> List<T> all(List<Callable<T>> calls, int concurrency) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, RelayBench.daemon("bench-setup"));
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(calls)) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- measurements

    /** utime + stime of a process, in clock ticks. */
    static long ticks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** VmRSS and VmHWM (peak) of a process, in kB. */
    static long[] rss(long pid) throws IOException {
        long[] v = new long[2];
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                v[0] = Long.parseLong(line.replaceAll("[^0-9]", ""));
            } else if (line.startsWith("VmHWM:")) {
                v[1] = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return v;
    }

    /** The CPUs a process may run on, as Linux lists them (Cpus_allowed_list). */
    static String affinity(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream().filter(l -> l
                    .startsWith("Cpus_allowed_list:")).map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst()
                    .orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    /** The 1, 5 and 15 minute load averages, as uptime prints them. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static long harnessCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static String jcmd(long pid, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        command.add(Long.toString(pid));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + String.join(" ", args) + " failed: " + output);
        }
        return output;
    }

    /** GC pauses in a wall-clock interval from a -Xlog:gc:...:uptime file: "count, total ms, longest ms". */
    static String gcPauses(Path gcLog, long startMillis, long fromMillis, long toMillis) {
        try {
            java.util.regex.Pattern line = java.util.regex.Pattern.compile(
                    "^\\[([0-9.]+)s\\].*\\bPause\\b.* ([0-9.]+)ms$");
            int count = 0;
            double total = 0;
            double longest = 0;
            for (String l : Files.readAllLines(gcLog)) {
                java.util.regex.Matcher m = line.matcher(l);
                if (m.matches()) {
                    double at = startMillis + Double.parseDouble(m.group(1)) * 1000;
                    if (at >= fromMillis && at < toMillis) {
                        double pause = Double.parseDouble(m.group(2));
                        count++;
                        total += pause;
                        longest = Math.max(longest, pause);
                    }
                }
            }
            return count + " / " + fmt(total) + " / " + fmt(longest);
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    // ---------------------------------------------------------------- report

    private String report(String stamp, String loadAtStart, List<BenchTarget> targets) {
        StringBuilder r = new StringBuilder();
        r.append("## Side by side: Tandem and a bare forwarder, ").append(stamp).append(" UTC\n\n");
        r.append("`bin/bench").append(o.given).append("`\n\n");
        r.append("| | |\n|---|---|\n");
        r.append("| machine | ").append(RelayBench.cores()).append(" cores, ").append(RelayBench.cpuModel())
                .append(", ").append(RelayBench.memTotal()).append(" |\n");
        r.append("| JDK | ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(" (servers and harness) |\n");
        r.append("| pinning | servers on CPU ").append(o.serverCpus.isEmpty()
                ? "any (not pinned)"
                : o.serverCpus
                        .get(2))
                .append(", harness on CPU ").append(affinity(ProcessHandle.current().pid())).append(" |\n");
        for (BenchTarget t : targets) {
            r.append("| ").append(t.name()).append(" | ").append(t.description()).append(" |\n");
        }
        r.append("| traffic per session | customer: a 200 KB–1 MB `dom.snap` at start and every ")
                .append(o.snapshotEvery).append(" s, 1–5 KB `dom.mut` at ").append(fmt(o.mutHz))
                .append("/s, `ptr.move` at ")
                .append(fmt(o.ptrHz)).append(" Hz; advisor: `ptr.move` at ").append(fmt(o.viewerPtrHz))
                .append(" Hz; pings every 10 s |\n");
        r.append("| window | ").append(o.seconds).append(" s after ").append(o.warmup)
                .append(" s of traffic, per point; forwarder then Tandem at each session count |\n");
        r.append("| load average (1/5/15 min) at start | ").append(loadAtStart).append(" |\n\n");

        r.append("### Per point\n\n");
        r.append("| server | sessions | relayed msg/s | ptr p50 ms | ptr p99 ms | ptr p99.9 ms | ptr max ms |"
                + " mut p99 ms | server cores | CPU-s per 1M msgs | RSS MB (peak) | GC pauses n / ms / longest |"
                + " harness cores | machine busy | load 1 min before → after | reliable not delivered 2 s after the window | resets |\n");
        r.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|---:|---:|\n");
        for (Point p : results) {
            r.append("| ").append(p.server()).append(" | ").append(p.sessions()).append(" | ")
                    .append(fmt(p.received() / p.seconds())).append(" | ").append(ms(p.p50())).append(" | ")
                    .append(ms(p.p99())).append(" | ").append(ms(p.p999())).append(" | ").append(ms(p.max()))
                    .append(" | ").append(ms(p.mutP99())).append(" | ")
                    .append(fmt(p.serverCpuSeconds() / p.seconds())).append(" | ").append(fmt(p.cpuPerMillion()))
                    .append(" | ").append(p.rssKb() / 1024).append(" (").append(p.peakRssKb() / 1024).append(") | ")
                    .append(p.gc()).append(" | ").append(fmt(p.harnessCores())).append(" | ")
                    .append(fmt(p.machineBusy())).append(" | ").append(p.loadBefore().split(" ")[0]).append(" → ")
                    .append(p.loadAfter().split(" ")[0]).append(" | ").append(p.reliableLost()).append(" | ")
                    .append(p.resets()).append(" |\n");
        }

        r.append("\n### Tandem ÷ forwarder (issue 20's targets: CPU ≤ 1.3×, pointer p99 ≤ 1.5×)\n\n");
        r.append(
                "| sessions | CPU per relayed message | pointer p99 | pointer p99.9 | RSS | CPU target | p99 target |\n");
        r.append("|---:|---:|---:|---:|---:|---|---|\n");
        for (int n : o.points) {
            Point f = find("forwarder", n);
            Point t = find("tandem", n);
            if (f == null || t == null) {
                r.append("| ").append(n).append(" | not measured | | | | | |\n");
                continue;
            }
            double cpu = t.cpuPerMillion() / f.cpuPerMillion();
            double p99 = t.p99() / (double) f.p99();
            r.append("| ").append(n).append(" | ").append(ratio(cpu)).append(" | ").append(ratio(p99)).append(" | ")
                    .append(ratio(t.p999() / (double) f.p999())).append(" | ")
                    .append(ratio(t.rssKb() / (double) f.rssKb())).append(" | ")
                    .append(cpu <= 1.3 ? "met" : "**not met**").append(" | ").append(p99 <= 1.5 ? "met" : "**not met**")
                    .append(" |\n");
        }

        r.append("\n### Knee: the first session count whose pointer p99 passes ").append(fmt(o.kneeMs))
                .append(" ms (steps of ").append(o.kneeStep).append(" up to ").append(o.kneeMax).append(")\n\n");
        Integer fk = knee("forwarder");
        Integer tk = knee("tandem");
        r.append("| server | knee | last count below |\n|---|---|---|\n");
        for (String name : List.of("forwarder", "tandem")) {
            Integer k = knee(name);
            r.append("| ").append(name).append(" | ").append(k == null ? "not reached up to " + lastCount(name) : k)
                    .append(" | ").append(lastBelow(name)).append(" |\n");
        }
        r.append("\nTarget (knee at or beyond the forwarder's): ");
        if (tk == null && fk == null) {
            r.append("neither reached the threshold in the range measured: extend it (`--knee-max`).");
        } else if (tk == null) {
            r.append("**met** (Tandem's not reached; the forwarder's at ").append(fk).append(").");
        } else if (fk == null) {
            r.append("**not met** (Tandem's at ").append(tk).append("; the forwarder stayed below up to ")
                    .append(lastCount("forwarder")).append(").");
        } else {
            r.append(tk >= fk ? "**met**" : "**not met**").append(" (Tandem ").append(tk).append(", forwarder ")
                    .append(fk).append(").");
        }
        r.append("\n\n");
        double harnessCpus = Runtime.getRuntime().availableProcessors();
        boolean harnessBound = results.stream().anyMatch(p -> p.harnessCores() > 0.85 * harnessCpus);
        if (harnessBound) {
            r.append("**The harness used more than 85 % of its ").append(fmt(harnessCpus)).append(" CPU(s) at some")
                    .append(" points: there the load generator, not the server, may set the latency.**\n\n");
        }
        if (notes.length() > 0) {
            r.append("### Notes\n\n").append(notes).append('\n');
        }
        return r.toString();
    }

    private Point find(String server, int n) {
        return results.stream().filter(p -> p.server().equals(server) && p.sessions() == n).findFirst().orElse(null);
    }

    private Integer knee(String server) {
        return results.stream().filter(p -> p.server().equals(server) && p.p99() > o.kneeMs * 1e6).map(
                Point::sessions).min(Integer::compare).orElse(null);
    }

    private String lastBelow(String server) {
        return results.stream().filter(p -> p.server().equals(server) && p.p99() <= o.kneeMs * 1e6).map(
                Point::sessions).max(Integer::compare).map(String::valueOf).orElse("none");
    }

    private int lastCount(String server) {
        return results.stream().filter(p -> p.server().equals(server)).mapToInt(Point::sessions).max().orElse(0);
    }

    private static String ratio(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f×", v) : "–";
    }
}

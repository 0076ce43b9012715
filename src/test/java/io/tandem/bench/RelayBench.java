package io.tandem.bench;

import io.tandem.bench.BenchSocket.Out;
import io.tandem.bench.TrafficStats.Kind;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relay benchmark (bin/bench; see docs/performance.md). Not a test: it is never run by the build.
 *
 * <p>
 * It starts the packaged server as a separate process (prod profile, database tandem_bench, staff tokens from a small
 * OIDC provider of its own with a key pair made for the run), opens sessions over the REST API, then:
 * <ol>
 * <li>warms the server up with a few sessions of full traffic, and ends them;</li>
 * <li>measures the live heap, opens N idle sessions (customer and advisor connected, hello done, pings only), and
 * measures again: the difference over N is the memory of an idle session;</li>
 * <li>drives rrweb-like traffic through those N sessions (one snapshot of 200 KB to 1 MB at start and a fresh one
 * every 30 s, mutation batches of 1 to 5 KB at 2/s, pointer moves at 30 Hz, customer to advisor), and after a warm-up
 * measures relay latency per message class, messages/s and CPU for the measuring window.</li>
 * </ol>
 * Sender and receiver are in this JVM, so the latency is exact: the sender's System.nanoTime() travels in the payload.
 */
public final class RelayBench {

    /** The collector every start script and the image set (docs/performance.md "Garbage collector"). */
    static final List<String> SHIPPED_GC = List.of("-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20");

    static final class Options {
        int sessions = 200;
        int seconds = 30;
        int warmup = 10;
        int warmSessions = 10;
        int snapshotEvery = 30;
        double ptrHz = 30;
        double mutHz = 2;
        double viewerPtrHz = 0;
        int stagger = 5;
        int concurrency = 16;
        String serverHeap = "1g";
        /** The collector the run command and the image set (bin/run, Dockerfile.jvm); --server-opts replaces it. */
        List<String> serverOpts = SHIPPED_GC;
        /** taskset -c LIST before the server's java (bin/bench --pin), or nothing. */
        List<String> serverCpus = List.of();
        /** 2: a second server (the viewers' node) bridged to the first over Redis. */
        int nodes = 1;
        Path root = Path.of(".");
        /** Created by bin/bench (ensure_database). */
        final String dbName = "tandem_bench";

        /** The options as given, for the report (without --root). */
        String given = "";

        static Options parse(String[] args) {
            Options o = new Options();
            StringBuilder given = new StringBuilder();
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--root") || args[i].equals("--server-cpus")) {
                    i++;
                } else {
                    given.append(' ').append(args[i].contains(" ") ? "\"" + args[i] + "\"" : args[i]);
                }
            }
            o.given = given.toString();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("-h") || a.equals("--help")) {
                    usage(System.out);
                    System.exit(0);
                }
                if (i + 1 >= args.length) {
                    fail("missing value after " + a);
                }
                String v = args[++i];
                switch (a) {
                    case "--sessions" -> o.sessions = positive(a, v);
                    case "--seconds" -> o.seconds = positive(a, v);
                    case "--warmup" -> o.warmup = positive(a, v);
                    case "--warm-sessions" -> o.warmSessions = positive(a, v);
                    case "--snapshot-every" -> o.snapshotEvery = positive(a, v);
                    case "--ptr-hz" -> o.ptrHz = Double.parseDouble(v);
                    case "--mut-hz" -> o.mutHz = Double.parseDouble(v);
                    case "--viewer-ptr-hz" -> o.viewerPtrHz = Double.parseDouble(v);
                    case "--stagger" -> o.stagger = positive(a, v);
                    case "--concurrency" -> o.concurrency = positive(a, v);
                    case "--server-heap" -> o.serverHeap = v;
                    case "--nodes" -> {
                        o.nodes = positive(a, v);
                        if (o.nodes > 2) {
                            fail("--nodes is 1 or 2");
                        }
                    }
                    case "--server-opts" -> o.serverOpts = v.isBlank() ? List.of() : List.of(v.trim().split("\\s+"));
                    case "--root" -> o.root = Path.of(v);
                    case "--server-cpus" -> o.serverCpus = List.of("taskset", "-c", v);
                    default -> fail("unknown option " + a);
                }
            }
            return o;
        }

        private static int positive(String name, String v) {
            int n = Integer.parseInt(v);
            if (n <= 0) {
                fail(name + " must be positive");
            }
            return n;
        }

        private static void fail(String message) {
            System.err.println("RelayBench: " + message);
            usage(System.err);
            System.exit(2);
        }

        static void usage(java.io.PrintStream out) {
            out.println(
                    """
                            usage: RelayBench [--sessions N] [--seconds S] [--warmup W] [options]
                              --sessions N        concurrent sessions (customer + advisor each)       200
                              --seconds S         measuring window, after the warm-up                   30
                              --warmup W          traffic seconds before the window opens               10
                              --snapshot-every T  seconds between a session's full snapshots            30
                              --ptr-hz F          customer pointer moves per second                     30
                              --mut-hz F          mutation batches per second                           2
                              --viewer-ptr-hz F   advisor pointer moves per second                      0
                              --stagger T         sessions start their traffic within T seconds         5
                              --warm-sessions K   sessions of the server warm-up before measuring       10
                              --concurrency C     parallel REST calls and connects during set-up        16
                              --server-heap H     -Xmx of the server                                    1g
                              --server-opts "..." the server's JVM options, replacing the default   -XX:+UseG1GC -XX:MaxGCPauseMillis=20
                              --nodes N           2: viewers on a second server, bridged over Redis     1
                              --root DIR          repository root (target/quarkus-app, target/bench)    .""");
        }
    }

    /** One session: its REST identity and its two sockets. */
    static final class Pair {
        final BenchApi.Ready session;
        final BenchSocket customer;
        final BenchSocket advisor;
        final List<ScheduledFuture<?>> pings = new ArrayList<>();
        final List<ScheduledFuture<?>> traffic = new ArrayList<>();

        Pair(BenchApi.Ready session, BenchSocket customer, BenchSocket advisor) {
            this.session = session;
            this.customer = customer;
            this.advisor = advisor;
        }
    }

    private final Options o;
    private final TrafficStats stats = new TrafficStats();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, daemon("bench-sched"));
    private final StringBuilder notes = new StringBuilder();
    private RrwebPayloads payloads;
    private BenchServer server;
    /** With --nodes 2: the viewers' node (the rooms are on {@link #server}, the customers' node). */
    private BenchServer viewers;
    private BenchOidc oidc;
    private String origin;
    private double machineBusyBefore;

    private RelayBench(Options o) {
        this.o = o;
    }

    public static void main(String[] args) {
        if (java.util.Arrays.asList(args).contains("--compare")) {
            int status;
            try {
                status = SideBySide.main(java.util.Arrays.stream(args).filter(a -> !a.equals("--compare")).toArray(
                        String[]::new));
            } catch (Exception e) {
                System.err.println("RelayBench --compare failed: " + e);
                e.printStackTrace();
                status = 1;
            }
            System.exit(status);
        }
        Options o = Options.parse(args);
        String finder = System.LoggerFinder.getLoggerFinder().getClass().getName();
        if (!finder.startsWith("jdk.") && !finder.startsWith("sun.")) {
            log("WARNING: System.LoggerFinder is %s: the JDK HttpClient may log at debug level and slow the harness"
                    + " down; run through bin/bench, whose classpath holds only Jackson", finder);
        }
        RelayBench bench = new RelayBench(o);
        int status;
        try {
            status = bench.run();
        } catch (Exception e) {
            System.err.println("RelayBench failed: " + e);
            e.printStackTrace();
            status = 1;
        } finally {
            if (bench.server != null) {
                bench.server.close();
            }
            if (bench.viewers != null) {
                bench.viewers.close();
            }
            if (bench.oidc != null) {
                bench.oidc.close();
            }
        }
        System.exit(status);
    }

    private int run() throws Exception {
        Path out = o.root.resolve("target/bench").toAbsolutePath();
        Files.createDirectories(out);
        Path jar = o.root.resolve("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IOException(jar + " not found: build first (./mvnw -DskipTests package)");
        }
        String stamp = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        long t = System.nanoTime();
        payloads = RrwebPayloads.generate(20261122L);
        log("generated rrweb payloads in %d ms: snapshots %s KB, mutation batches %d..%d bytes",
                (System.nanoTime() - t) / 1_000_000, payloads.snapshots.stream().map(b -> b.length / 1024).toList(),
                payloads.mutations.stream().mapToInt(b -> b.length).min().orElse(0), payloads.mutations.stream()
                        .mapToInt(b -> b.length).max().orElse(0));

        long[] quiet0 = machineTicks();
        Thread.sleep(2000);
        long[] quiet1 = machineTicks();
        double busyBefore = busyCores(quiet0, quiet1);
        log("machine busy before the run: %.2f of %d cores%s", busyBefore, cores(), busyBefore > 0.2
                ? " (other processes are using CPU: numbers will be worse than on a quiet machine)"
                : "");
        machineBusyBefore = busyBefore;

        // --- the server, as its own process --------------------------------------------------------------------
        oidc = BenchOidc.start();
        BenchTokens tokens = new BenchTokens(oidc.issuer());
        oidc.serve(tokens);
        int port = BenchServer.freePort();
        origin = "http://localhost:" + port;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("tandem.public-url", origin);
        props.put("tandem.customer.credential-secret", Base64.getEncoder().encodeToString(secret));
        // Staff tokens: the server discovers the harness' own OIDC provider and verifies them with its key set.
        props.put("quarkus.oidc.auth-server-url", oidc.issuer());
        props.put("quarkus.oidc.token.audience", BenchTokens.AUDIENCE);
        // Wrong join tries are counted in the machine's Redis, per client address: the bench's own counts, so tests of
        // the join limits running beside it (also from 127.0.0.1) cannot make its joins answer 429.
        props.put("tandem.join.shared-key-prefix", "tandem-bench:" + java.util.UUID.randomUUID() + ":join:");
        // A try is counted before its lookup and taken back once it succeeds, so the set-up's parallel joins from one
        // address would pass the per-address limit of wrong tries (5): the bench measures the relay, not join guarding.
        props.put("tandem.join.max-failures-per-minute", "1000000");
        if (o.nodes == 2) {
            notes.append("- Two nodes (`--nodes 2`): customers and their rooms on one server, advisors on a second one"
                    + " bridged over Redis, so every relayed frame crosses Redis (publish, then the other node's"
                    + " subscription). Server CPU, threads, GC and memory are the rooms' node's only.\n");
            // two nodes relaying over the machine's Redis: customers (and so the rooms) on the first, viewers on
            // the second, every frame crossing Redis; each node's own signaling port
            props.put("tandem.relay.bridge.enabled", "true");
            props.put("tandem.relay.allowed-origins", origin);
            props.put("tandem.signaling.port", Integer.toString(BenchServer.freePort()));
            props.put("tandem.relay.bridge.node-id", "bench-rooms");
        }
        Path serverLog = out.resolve("server.log");
        server = BenchServer.start(o.serverCpus, jar, serverLog, o.serverHeap, o.serverOpts, port, props,
                Map.of("TANDEM_DB_NAME", o.dbName), false);
        BenchServer s = server;
        Runtime.getRuntime().addShutdownHook(new Thread(s::close, "bench-stop-server"));
        if (o.nodes == 2) {
            Map<String, String> second = new LinkedHashMap<>(props);
            second.put("tandem.signaling.port", Integer.toString(BenchServer.freePort()));
            second.put("tandem.relay.bridge.node-id", "bench-viewers");
            viewers = BenchServer.start(o.serverCpus, jar, out.resolve("server-viewers.log"), o.serverHeap,
                    o.serverOpts, BenchServer.freePort(), second, Map.of("TANDEM_DB_NAME", o.dbName), false);
            BenchServer v = viewers;
            Runtime.getRuntime().addShutdownHook(new Thread(v::close, "bench-stop-viewers"));
        }
        t = System.nanoTime();
        server.awaitReady(http, Duration.ofSeconds(120));
        if (viewers != null) {
            viewers.awaitReady(http, Duration.ofSeconds(120));
            log("viewers' node pid %d ready on port %d (log %s)", viewers.pid(), viewers.port, out.resolve(
                    "server-viewers.log"));
        }
        log("server pid %d ready on port %d in %d ms (log %s)", server.pid(), port, (System.nanoTime() - t)
                / 1_000_000, serverLog);
        BenchApi api = new BenchApi(http, server.base());

        // --- sessions over REST ------------------------------------------------------------------------------
        t = System.nanoTime();
        List<BenchApi.Ready> warmSessions = open(api, tokens, 0, o.warmSessions);
        List<BenchApi.Ready> sessions = open(api, tokens, o.warmSessions, o.sessions);
        log("opened %d sessions over REST (create, join, consent) in %d ms", o.warmSessions + o.sessions,
                (System.nanoTime() - t) / 1_000_000);

        // --- warm-up: a few sessions with full traffic, then ended -------------------------------------------
        List<Pair> warm = connect(warmSessions);
        startTraffic(warm, 1);
        Thread.sleep(8000);
        stopTraffic(warm);
        end(api, warm);
        log("server warm-up done (%d sessions, 8 s of traffic)", warm.size());

        // --- memory of idle sessions -------------------------------------------------------------------------
        Thread.sleep(2000);
        BenchServer.Heap before = server.liveHeap();
        t = System.nanoTime();
        List<Pair> pairs = connect(sessions);
        log("connected %d sessions (%d sockets, hello done) in %d ms", pairs.size(), 2 * pairs.size(),
                (System.nanoTime() - t) / 1_000_000);
        Thread.sleep(3000);
        BenchServer.Heap idle = server.liveHeap();
        log("live heap %.1f MB before, %.1f MB with %d idle sessions: %.1f KB per session", before.bytes() / 1e6,
                idle.bytes() / 1e6, pairs.size(), (idle.bytes() - before.bytes()) / 1024.0 / pairs.size());

        // --- load --------------------------------------------------------------------------------------------
        long loadStart = System.nanoTime();
        long windowStart = loadStart + TimeUnit.SECONDS.toNanos(o.warmup);
        long windowEnd = windowStart + TimeUnit.SECONDS.toNanos(o.seconds);
        stats.window(windowStart, windowEnd);
        startTraffic(pairs, o.stagger);
        log("traffic on; warm-up %d s, then measuring %d s", o.warmup, o.seconds);
        sleepUntil(windowStart);
        Cpu cpu0 = cpu();
        sleepUntil(windowEnd);
        Cpu cpu1 = cpu();
        stopTraffic(pairs);
        log("window closed; draining 3 s");
        Thread.sleep(3000);
        stuck(out, pairs);
        BenchServer.Heap loaded = server.liveHeap();

        // --- tear down ---------------------------------------------------------------------------------------
        end(api, pairs);
        server.close();
        if (viewers != null) {
            viewers.close();
        }
        List<String> serverProblems = Files.readAllLines(serverLog, StandardCharsets.UTF_8).stream()
                .filter(l -> l.matches("^\\d\\d:\\d\\d:\\d\\d\\.\\d+ (WARN|ERROR).*")).toList();

        save(out, "heap-before.txt", before);
        save(out, "heap-idle.txt", idle);
        save(out, "heap-loaded.txt", loaded);
        double[] serverGc = gcPauses(out.resolve("server-gc.log"), server.startMillis(), cpu0.wallMillis(), cpu1
                .wallMillis());
        double[] harnessGc = gcPauses(out.resolve("harness-gc.log"), ManagementFactory.getRuntimeMXBean()
                .getStartTime(), cpu0.wallMillis(), cpu1.wallMillis());
        String report = report(stamp, before, idle, loaded, cpu0, cpu1, serverGc, harnessGc,
                serverProblems);
        System.out.println();
        System.out.println(report);
        Path file = out.resolve("relay-" + stamp + ".md");
        Files.writeString(file, report);
        log("report written to %s", file);
        scheduler.shutdownNow();
        return 0;
    }

    // ---------------------------------------------------------------- set-up

    private List<BenchApi.Ready> open(BenchApi api, BenchTokens tokens, int first, int count) throws Exception {
        List<Callable<BenchApi.Ready>> calls = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            int n = i;
            calls.add(() -> api.open(tokens.advisor(n, 4 * 3600), String.format("Bench Customer %04d", n)));
        }
        return all(calls);
    }

    /** Connects customer then advisor of each session, both saying hello; pings every 10 s from then on. */
    private List<Pair> connect(List<BenchApi.Ready> sessions) throws Exception {
        List<Callable<Pair>> calls = new ArrayList<>();
        for (BenchApi.Ready r : sessions) {
            calls.add(() -> {
                URI uri = URI.create("ws://127.0.0.1:" + server.port + "/ws/sessions/" + r.sessionId());
                BenchSocket customer = new BenchSocket(true, stats, payloads);
                customer.connect(http, uri, origin, "Customer " + r.customerCredential()).get(30, TimeUnit.SECONDS);
                customer.send(Out.HELLO);
                customer.welcomed.get(30, TimeUnit.SECONDS);
                BenchSocket advisor = new BenchSocket(false, stats, payloads);
                URI viewerUri = viewers == null
                        ? uri
                        : URI.create("ws://127.0.0.1:" + viewers.port + "/ws/sessions/" + r.sessionId());
                advisor.connect(http, viewerUri, origin, "Bearer " + r.advisorToken()).get(30, TimeUnit.SECONDS);
                advisor.send(Out.HELLO);
                advisor.welcomed.get(30, TimeUnit.SECONDS);
                Pair p = new Pair(r, customer, advisor);
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                for (BenchSocket socket : List.of(customer, advisor)) {
                    p.pings.add(scheduler.scheduleAtFixedRate(() -> socket.send(Out.PING), rnd.nextLong(10_000),
                            10_000, TimeUnit.MILLISECONDS));
                }
                return p;
            });
        }
        return all(calls);
    }

    private <T> List<T> all(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(o.concurrency, daemon("bench-setup"));
        try {
            List<Future<T>> futures = pool.invokeAll(calls);
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- traffic

    /**
     * rrweb-like traffic from each customer (the sharer) to its advisor: a full snapshot at start and then one every
     * {@code snapshotEvery} seconds (as rrweb's checkout does), mutation batches and pointer moves at fixed rates. Each
     * session starts at a random moment within {@code stagger} seconds and has its own random phase.
     */
    private void startTraffic(List<Pair> pairs, int staggerSeconds) {
        long ptrPeriod = (long) (1e9 / o.ptrHz);
        long mutPeriod = (long) (1e9 / o.mutHz);
        long snapPeriod = TimeUnit.SECONDS.toNanos(o.snapshotEvery);
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        for (Pair p : pairs) {
            long offset = rnd.nextLong(TimeUnit.SECONDS.toNanos(staggerSeconds));
            BenchSocket c = p.customer;
            c.answerSnapshotRequests = true;
            p.traffic.add(scheduler.schedule(() -> c.send(Out.SNAP), offset, TimeUnit.NANOSECONDS));
            p.traffic.add(scheduler.scheduleAtFixedRate(() -> c.send(Out.SNAP), offset + snapPeriod / 2 + rnd
                    .nextLong(snapPeriod), snapPeriod, TimeUnit.NANOSECONDS));
            p.traffic.add(scheduler.scheduleAtFixedRate(() -> c.send(Out.MUT), offset + rnd.nextLong(mutPeriod),
                    mutPeriod, TimeUnit.NANOSECONDS));
            p.traffic.add(scheduler.scheduleAtFixedRate(() -> c.send(Out.PTR), offset + rnd.nextLong(ptrPeriod),
                    ptrPeriod, TimeUnit.NANOSECONDS));
            if (o.viewerPtrHz > 0) {
                long viewerPeriod = (long) (1e9 / o.viewerPtrHz);
                p.traffic.add(scheduler.scheduleAtFixedRate(() -> p.advisor.send(Out.PTR), offset + rnd.nextLong(
                        viewerPeriod), viewerPeriod, TimeUnit.NANOSECONDS));
            }
        }
    }

    private void stopTraffic(List<Pair> pairs) {
        for (Pair p : pairs) {
            p.customer.answerSnapshotRequests = false;
            p.traffic.forEach(f -> f.cancel(false));
            p.traffic.clear();
        }
    }

    /** Ends the sessions over REST (the server closes their sockets with 4409) and stops their pings. */
    private void end(BenchApi api, List<Pair> pairs) throws Exception {
        List<Callable<Void>> calls = new ArrayList<>();
        for (Pair p : pairs) {
            p.customer.expectClose = true;
            p.advisor.expectClose = true;
            p.pings.forEach(f -> f.cancel(false));
            calls.add(() -> {
                api.end(p.session);
                return null;
            });
        }
        all(calls);
        for (Pair p : pairs) {
            for (BenchSocket socket : List.of(p.customer, p.advisor)) {
                try {
                    socket.closed.get(10, TimeUnit.SECONDS); // the JDK then completes the close handshake
                } catch (Exception e) {
                    notes.append("- session ").append(p.session.sessionId()).append(": a socket was not closed ")
                            .append("within 10 s of ending its session. ").append(p.customer.describe())
                            .append(". ").append(p.advisor.describe()).append('\n');
                    socket.abort();
                }
            }
        }
        Thread.sleep(1000); // let the server write the sessions' activity before it is stopped
    }

    /**
     * Sessions whose advisor has heard nothing for 5 s although its customer was sending: described in the report,
     * with thread dumps of server and harness in target/bench for a closer look.
     */
    private void stuck(Path out, List<Pair> pairs) {
        List<Pair> stuck = pairs.stream().filter(p -> p.advisor.silentNanos() > TimeUnit.SECONDS.toNanos(5)).toList();
        if (stuck.isEmpty()) {
            return;
        }
        notes.append("- ").append(stuck.size()).append(" session(s) stopped relaying: their advisor heard nothing ")
                .append("in the last 5 s of traffic; thread dumps in target/bench/stuck-*-threads.txt\n");
        stuck.forEach(p -> notes.append("  - ").append(p.session.sessionId()).append(": ")
                .append(p.customer.describe()).append(". ").append(p.advisor.describe()).append('\n'));
        try {
            Files.writeString(out.resolve("stuck-server-threads.txt"), server.jcmd("Thread.print"));
            StringBuilder self = new StringBuilder();
            Thread.getAllStackTraces().forEach((t, stack) -> {
                self.append('"').append(t.getName()).append("\" ").append(t.getState()).append('\n');
                for (StackTraceElement e : stack) {
                    self.append("\tat ").append(e).append('\n');
                }
                self.append('\n');
            });
            Files.writeString(out.resolve("stuck-harness-threads.txt"), self);
        } catch (IOException | InterruptedException e) {
            notes.append("  - could not take thread dumps: ").append(e).append('\n');
        }
    }

    // ---------------------------------------------------------------- measurements

    record Cpu(long at, long wallMillis, long serverTicks, Map<String, Long> serverThreads, long harnessNanos,
            Map<String, Long> harnessThreads, long[] machine, Map<Long, long[]> processes) {}

    /** CPU ticks of every process on the machine, by pid; the command name is kept on the side. */
    private final Map<Long, String> processNames = new java.util.concurrent.ConcurrentHashMap<>();

    private Map<Long, long[]> processTicks() {
        Map<Long, long[]> ticks = new HashMap<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path d : dirs.toList()) {
                String name = d.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(d.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(name);
                    processNames.put(pid, comm);
                    ticks.put(pid, new long[]{Long.parseLong(f[11]) + Long.parseLong(f[12])});
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            return ticks;
        }
        return ticks;
    }

    private Cpu cpu() throws IOException {
        long at = System.nanoTime();
        long wall = System.currentTimeMillis();
        Map<Long, long[]> processes = processTicks();
        String stat = Files.readString(Path.of("/proc", Long.toString(server.pid()), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long serverTicks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> harness = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                long ns = threads.getThreadCpuTime(info.getThreadId());
                if (ns > 0) {
                    harness.merge(BenchServer.threadGroup(info.getThreadName()), ns, Long::sum);
                }
            }
        }
        long harnessNanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
        return new Cpu(at, wall, serverTicks, server.threadTicks(), harnessNanos, harness, machineTicks(),
                processes);
    }

    /** Total and idle (idle + iowait) ticks of the whole machine, from /proc/stat. */
    static long[] machineTicks() throws IOException {
        String[] c = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < c.length; i++) {
            total += Long.parseLong(c[i]);
        }
        return new long[]{total, Long.parseLong(c[4]) + Long.parseLong(c[5])};
    }

    /** Cores busy on average between two {@link #machineTicks()} readings. */
    static double busyCores(long[] a, long[] b) {
        long total = b[0] - a[0];
        return total == 0 ? 0 : cores() * (double) (total - (b[1] - a[1])) / total;
    }

    /** The machine's CPUs (cpuN lines of /proc/stat): not availableProcessors, which a pinned harness sees as 1. */
    static int cores() {
        try {
            int n = (int) Files.readAllLines(Path.of("/proc/stat")).stream().filter(l -> l.matches("^cpu\\d+ .*"))
                    .count();
            return n > 0 ? n : Runtime.getRuntime().availableProcessors();
        } catch (IOException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    /**
     * GC pauses between two wall-clock instants, from a JVM's GC log (-Xlog:gc:file=...:uptime) and the JVM's start:
     * count, total ms, max ms; null if there is no log.
     */
    private double[] gcPauses(Path gcLog, long startMillis, long fromMillis, long toMillis) {
        if (!Files.isRegularFile(gcLog)) {
            return null;
        }
        double[] pauses = new double[3];
        try {
            Pattern line = Pattern.compile("^\\[([0-9.]+)s\\].*\\bPause\\b.* ([0-9.]+)ms$");
            boolean any = false;
            for (String l : Files.readAllLines(gcLog)) {
                Matcher m = line.matcher(l);
                if (m.matches()) {
                    any = true;
                    double at = startMillis + Double.parseDouble(m.group(1)) * 1000;
                    if (at >= fromMillis && at < toMillis) {
                        double ms = Double.parseDouble(m.group(2));
                        pauses[0]++;
                        pauses[1] += ms;
                        pauses[2] = Math.max(pauses[2], ms);
                    }
                }
            }
            if (!any) {
                return null; // e.g. ZGC, whose pauses -Xlog:gc does not show
            }
        } catch (IOException | RuntimeException e) {
            notes.append("- could not read GC pauses from ").append(gcLog).append(": ").append(e).append('\n');
        }
        return pauses;
    }

    private static void save(Path dir, String name, BenchServer.Heap heap) throws IOException {
        Files.writeString(dir.resolve(name), heap.histogram());
    }

    // ---------------------------------------------------------------- report

    private String report(String stamp, BenchServer.Heap before, BenchServer.Heap idle, BenchServer.Heap loaded,
            Cpu c0, Cpu c1, double[] gc, double[] harnessGc,
            List<String> serverProblems) throws IOException {
        double seconds = (c1.at() - c0.at()) / 1e9;
        long clk = clockTicks();
        StringBuilder r = new StringBuilder();
        r.append("## Relay benchmark ").append(stamp).append(" UTC\n\n");
        r.append("`bin/bench").append(o.given).append("`: ").append(o.sessions).append(" sessions, ")
                .append(o.seconds).append(" s window (warm-up ").append(o.warmup).append(" s, snapshot every ")
                .append(o.snapshotEvery)
                .append(" s, pointer ").append(fmt(o.ptrHz)).append(" Hz, mutations ").append(fmt(o.mutHz))
                .append("/s, advisor pointer ").append(fmt(o.viewerPtrHz)).append(" Hz)\n\n");
        r.append("| machine | |\n|---|---|\n");
        r.append("| CPU | ").append(cores()).append(" cores, ")
                .append(cpuModel()).append(" |\n");
        r.append("| memory | ").append(memTotal()).append(" |\n");
        r.append("| pinning | ").append(o.serverCpus.isEmpty()
                ? "none"
                : "server on CPU " + o.serverCpus.get(2)
                        + ", harness on CPU " + SideBySide.affinity(ProcessHandle.current().pid()))
                .append(" |\n");
        r.append("| JDK | ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(" (server and harness) |\n");
        r.append("| server | `").append(String.join(" ", server.command.stream().filter(a -> !a.startsWith("-D") && !a
                .startsWith("-Xlog"))
                .map(a -> a.contains("/") ? a.substring(a.lastIndexOf('/') + 1) : a).toList()))
                .append("`, prod profile, ").append(o.serverOpts.stream().filter(x -> x.matches("-XX:\\+Use\\w+GC"))
                        .findFirst().map(x -> x.substring(8)).orElse("G1 (JVM default)"))
                .append(
                        ", PostgreSQL on the same machine |\n");
        r.append("| sessions | ").append(o.sessions).append(" (").append(2 * o.sessions)
                .append(" WebSockets: customer sharing, advisor viewing) |\n");
        r.append("| window | ").append(String.format(Locale.ROOT, "%.1f", seconds)).append(" s after ")
                .append(o.warmup).append(" s of traffic |\n\n");

        r.append("### Relay latency (customer send → advisor receive, same JVM clock)\n\n");
        r.append("| class | payload | sent | received | msg/s | p50 ms | p99 ms | p99.9 ms | max ms |\n");
        r.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        long totalReceived = 0;
        long totalBytes = 0;
        for (Kind k : Kind.values()) {
            int i = k.ordinal();
            Latency l = stats.latency[i];
            long sent = stats.sent[i].sum();
            long received = stats.received[i].sum();
            totalReceived += received;
            totalBytes += stats.receivedBytes[i].sum();
            String size = switch (k) {
                case PTR -> "~70 B";
                case MUT -> "1–5 KB";
                case SNAP -> "200 KB–1 MB";
            };
            r.append("| `").append(k.wire).append("` | ").append(size).append(" | ").append(sent).append(" | ")
                    .append(received).append(" | ").append(fmt(received / seconds)).append(" | ")
                    .append(ms(l.quantile(0.50))).append(" | ").append(ms(l.quantile(0.99))).append(" | ")
                    .append(ms(l.quantile(0.999))).append(" | ").append(ms(l.max())).append(" |\n");
        }
        r.append("| all | | | ").append(totalReceived).append(" | ").append(fmt(totalReceived / seconds))
                .append(" | | | | |\n\n");
        r.append("Relayed: ").append(fmt(totalReceived / seconds)).append(" messages/s, ")
                .append(fmt(totalBytes / seconds / 1e6)).append(" MB/s to viewers. ");
        long ptrSent = stats.sent[Kind.PTR.ordinal()].sum();
        long ptrReceived = stats.received[Kind.PTR.ordinal()].sum();
        r.append("Pointer moves are latest-wins: ").append(stats.ptrCoalescedAtSender.sum())
                .append(" were replaced in a busy sender's queue before sending (not counted as sent), ")
                .append(Math.max(0, ptrSent - ptrReceived)).append(" sent ones were coalesced by the relay (")
                .append(ptrSent == 0 ? "0" : fmt(100.0 * (ptrSent - ptrReceived) / ptrSent)).append(" %). ");
        long mutLost = stats.sent[Kind.MUT.ordinal()].sum() - stats.received[Kind.MUT.ordinal()].sum();
        long snapLost = stats.sent[Kind.SNAP.ordinal()].sum() - stats.received[Kind.SNAP.ordinal()].sum();
        r.append("Reliable frames not delivered: ").append(mutLost).append(" `dom.mut`, ").append(snapLost)
                .append(" `dom.snap`; viewer resets (`sys.reset`): ").append(stats.resets.sum())
                .append("; snapshot requests to sharers: ").append(stats.snapshotRequests.sum()).append(".\n\n");

        double serverCores = (c1.serverTicks() - c0.serverTicks()) / (double) clk / seconds;
        double harnessCores = (c1.harnessNanos() - c0.harnessNanos()) / 1e9 / seconds;
        double machineBusy = busyCores(c0.machine(), c1.machine());
        double others = Math.max(0, machineBusy - serverCores - harnessCores);
        r.append("### CPU during the window (server and harness share the machine)\n\n");
        r.append("Machine busy ").append(fmt(machineBusy)).append(" of ").append(cores()).append(" cores: server ")
                .append(fmt(serverCores)).append(", harness ").append(fmt(harnessCores)).append(", other processes ")
                .append(fmt(others)).append(" (").append(fmt(machineBusyBefore)).append(" before the run).");
        if (others > 0.2 || machineBusyBefore > 0.2) {
            r.append(" **Other processes competed for the CPU: these numbers are worse than a quiet machine's.**");
        }
        r.append("\n\n");
        long self = ProcessHandle.current().pid();
        List<String> busiest = new ArrayList<>();
        c1.processes().entrySet().stream().filter(e -> e.getKey() != self && e.getKey() != server.pid())
                .map(e -> Map.entry(e.getKey(), e.getValue()[0] - c0.processes().getOrDefault(e.getKey(),
                        new long[]{0})[0]))
                .filter(e -> e.getValue() / (double) clk / seconds >= 0.02)
                .sorted(Map.Entry.<Long, Long>comparingByValue().reversed()).limit(5)
                .forEach(e -> busiest.add("`" + processNames.get(e.getKey()) + "` " + fmt(e.getValue()
                        / (double) clk / seconds)));
        if (!busiest.isEmpty()) {
            r.append("Busiest other processes (cores; processes that started during the window are missing): ")
                    .append(String.join(", ", busiest)).append(".\n\n");
        }
        r.append("| server threads | cores | | harness threads | cores |\n|---|---:|---|---|---:|\n");
        List<Map.Entry<String, Double>> st = top(delta(c0.serverThreads(), c1.serverThreads(), clk * seconds), 8);
        List<Map.Entry<String, Double>> ht = top(delta(c0.harnessThreads(), c1.harnessThreads(), 1e9 * seconds), 8);
        for (int i = 0; i < Math.max(st.size(), ht.size()); i++) {
            r.append("| ").append(i < st.size() ? "`" + st.get(i).getKey() + "`" : "").append(" | ")
                    .append(i < st.size() ? fmt(st.get(i).getValue()) : "").append(" | | ")
                    .append(i < ht.size() ? "`" + ht.get(i).getKey() + "`" : "").append(" | ")
                    .append(i < ht.size() ? fmt(ht.get(i).getValue()) : "").append(" |\n");
        }
        r.append("\nGC pauses in the window (from the GC logs in target/bench): server ").append(pauses(gc))
                .append("; harness ").append(pauses(harnessGc)).append(". A frame that arrives during a pause of")
                .append(" either waits for its end.\n\n");

        long perSession = (idle.bytes() - before.bytes()) / o.sessions;
        r.append("### Memory per idle session\n\n");
        r.append("Live server heap after a full GC (`jcmd GC.class_histogram`): ").append(mb(before.bytes()))
                .append(" before, ").append(mb(idle.bytes())).append(" with ").append(o.sessions)
                .append(" idle sessions: **").append(fmt(perSession / 1024.0)).append(" KB per session** (")
                .append(2)
                .append(" WebSockets, both past hello, no snapshot shared yet, so no keyframe; pings only).\n\n");
        r.append("| class (largest per-session growth) | instances per session | bytes per session |\n")
                .append("|---|---:|---:|\n");
        Map<String, Long> growth = new HashMap<>();
        idle.bytesByClass().forEach((k, v) -> growth.put(k, v - before.bytesByClass().getOrDefault(k, 0L)));
        before.bytesByClass().forEach((k, v) -> growth.putIfAbsent(k, -v));
        growth.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(15).forEach(
                e -> r.append("| `").append(e.getKey().replaceFirst("\\$\\$Lambda.*", "\\$\\$Lambda")).append("` | ")
                        .append(fmt((idle.instancesByClass().getOrDefault(e.getKey(), 0L) - before
                                .instancesByClass().getOrDefault(e.getKey(), 0L)) / (double) o.sessions))
                        .append(" | ").append(e.getValue() / o.sessions).append(" |\n"));
        Map<String, Long> groups = new LinkedHashMap<>();
        growth.forEach((k, v) -> groups.merge(owner(k), v, Long::sum));
        r.append("\nBy owner (JDK types are the strings, arrays and maps the others hold): ");
        r.append(String.join(", ", groups.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue()
                .reversed()).filter(e -> Math.abs(e.getValue()) >= o.sessions * 100L).map(e -> e.getKey() + " "
                        + fmt(e.getValue() / 1024.0 / o.sessions) + " KB")
                .toList())).append(".\n");
        long active = (loaded.bytes() - before.bytes()) / o.sessions;
        long snaps = stats.received[Kind.SNAP.ordinal()].sum();
        r.append("\n### Memory per active session\n\n");
        r.append("After the load, the same sessions still open with their keyframes (latest snapshot and the")
                .append(" incrementals since) and replay logs filled, 3 s after the traffic stopped: live heap ")
                .append(mb(loaded.bytes())).append(", **").append(fmt(active / 1024.0))
                .append(" KB per active session** (").append(fmt((loaded.bytes() - idle.bytes()) / 1024.0
                        / o.sessions))
                .append(" KB over the idle figure; snapshots received in the window averaged ")
                .append(snaps == 0 ? "-" : fmt(stats.receivedBytes[Kind.SNAP.ordinal()].sum() / 1024.0 / snaps))
                .append(" KB).\n\n");
        r.append("| class (largest growth over idle) | instances per session | bytes per session |\n")
                .append("|---|---:|---:|\n");
        Map<String, Long> load = new HashMap<>();
        loaded.bytesByClass().forEach((k, v) -> load.put(k, v - idle.bytesByClass().getOrDefault(k, 0L)));
        load.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8).forEach(
                e -> r.append("| `").append(e.getKey().replaceFirst("\\$\\$Lambda.*", "\\$\\$Lambda"))
                        .append("` | ").append(fmt((loaded.instancesByClass().getOrDefault(e.getKey(), 0L) - idle
                                .instancesByClass().getOrDefault(e.getKey(), 0L)) / (double) o.sessions))
                        .append(" | ").append(e.getValue() / o.sessions).append(" |\n"));
        r.append('\n');

        r.append("### Design budget\n\n");
        long p99 = stats.latency[Kind.PTR.ordinal()].quantile(0.99);
        r.append("- pointer relay p99 ≤ 5 ms at 200 concurrent sessions: ").append(ms(p99)).append(" ms at ")
                .append(o.sessions).append(" sessions — ")
                .append(o.sessions < 200 ? "not the budget's load" : p99 <= 5_000_000 ? "**met**" : "**not met**")
                .append('\n');
        r.append("- memory per idle session ≤ 50 KB, excluding keyframes: ").append(fmt(perSession / 1024.0))
                .append(" KB — ").append(perSession <= 50 * 1024 ? "**met**" : "**not met**").append('\n');
        r.append("- memory per active session ≤ 150 KB (issue 20, 600 KB snapshots): ").append(fmt(active / 1024.0))
                .append(" KB — ").append(active <= 150 * 1024 ? "**met**" : "**not met**").append("\n\n");

        r.append("### Problems seen\n\n");
        if (stats.unexpectedCloses.isEmpty() && stats.sendFailures.sum() == 0 && serverProblems.isEmpty()
                && notes.length() == 0) {
            r.append("None: no unexpected closes, no failed sends, no WARN or ERROR in the server log.\n");
        } else {
            stats.unexpectedCloses.forEach((k, v) -> r.append("- ").append(v.sum()).append(" × ").append(k)
                    .append('\n'));
            if (stats.sendFailures.sum() > 0) {
                r.append("- ").append(stats.sendFailures.sum()).append(" failed sends\n");
            }
            if (!serverProblems.isEmpty()) {
                r.append("- ").append(serverProblems.size()).append(" WARN/ERROR lines in the server log")
                        .append(" (target/bench/server.log); distinct ones:\n");
                Map<String, Integer> distinct = new LinkedHashMap<>();
                for (String line : serverProblems) {
                    // drop the time and anything that names one session or connection
                    String key = line.substring(13).replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "<id>");
                    distinct.merge(key.length() > 220 ? key.substring(0, 220) + "…" : key, 1, Integer::sum);
                }
                distinct.forEach((k, v) -> r.append("  - ").append(v).append(" × `").append(k.replace('`', '\''))
                        .append("`\n"));
            }
            r.append(notes);
        }
        return r.toString();
    }

    /** Who a heap class belongs to, for the per-session memory breakdown. */
    static String owner(String className) {
        String[][] owners = {{"io.tandem.", "Tandem relay"}, {"io.quarkus.websockets.", "websockets-next"},
                {"io.quarkus.security.", "security"}, {"io.quarkus.oidc.", "security"},
                {"io.quarkus.vertx.http.runtime.security.", "security"}, {"io.smallrye.context.",
                        "context propagation"},
                {"io.smallrye.mutiny.", "Mutiny"}, {"io.micrometer.", "Micrometer"},
                {"io.quarkus.micrometer.", "Micrometer"}, {"io.netty.", "Netty"}, {"io.vertx.", "Vert.x"},
                {"io.quarkus.", "other Quarkus"}};
        for (String[] o : owners) {
            if (className.startsWith(o[0])) {
                return o[1];
            }
        }
        return className.startsWith("java.") || className.startsWith("[") || className.startsWith("jdk.")
                || className.startsWith("sun.") ? "JDK" : "other";
    }

    private static String pauses(double[] gc) {
        return gc == null
                ? "not in its -Xlog:gc output"
                : fmt(gc[0]) + " pauses, " + fmt(gc[1]) + " ms in total, longest " + fmt(gc[2])
                        + " ms";
    }

    private static Map<String, Double> delta(Map<String, Long> a, Map<String, Long> b, double divisor) {
        Map<String, Double> d = new HashMap<>();
        b.forEach((k, v) -> d.put(k, (v - a.getOrDefault(k, 0L)) / divisor));
        return d;
    }

    private static List<Map.Entry<String, Double>> top(Map<String, Double> m, int n) {
        return m.entrySet().stream().filter(e -> e.getValue() >= 0.005)
                .sorted(Map.Entry.<String, Double>comparingByValue(
                        Comparator.reverseOrder()))
                .limit(n).toList();
    }

    static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            return p.waitFor() == 0 ? Long.parseLong(v) : 100;
        } catch (Exception e) {
            return 100;
        }
    }

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown model");
        } catch (IOException e) {
            return "unknown model";
        }
    }

    static String memTotal() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> fmt(Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0) + " GiB")
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, nanos < 10_000_000 ? "%.2f" : "%.1f", nanos / 1e6);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    static String fmt(double v) {
        return v >= 100
                ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.2f", v)
                        .replaceAll("\\.?0+$", "");
    }

    static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[bench] " + format + "%n", args);
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

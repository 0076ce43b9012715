package io.tandem.signaling.bench;

import io.tandem.signaling.SignalingConfig;
import io.tandem.signaling.SignalingServer;
import io.tandem.signaling.room.Role;
import io.tandem.signaling.socket.SignalUpgrade;
import io.tandem.signaling.token.TestTokens;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * The signaling benchmark (bin/bench-signaling; docs/performance.md), not a test: starts the server in-process on a
 * free port and runs rounds of N concurrent room setups (advisor and customer join, offer, answer, C candidates and
 * an end-of-candidates each way, a mute each), all started at once or at random within a stagger window, measuring
 * relay latency from send to receipt at the other peer.
 */
public final class SignalingBench {

    private static final String SDP = sdp();

    private SignalingBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, Integer> options = options(args);
        int rooms = options.get("rooms");
        int rounds = options.get("rounds");
        int warmup = options.get("warmup");
        int candidates = options.get("candidates");
        int stagger = options.get("stagger");

        TestTokens tokens = new TestTokens();
        SignalingServer server = new SignalingServer(new SignalingConfig(0, Duration.ofSeconds(30), 64 * 1024),
                tokens.tokenKeys());
        server.start();
        WebSocketClient client = new WebSocketClient();
        client.start();
        ExecutorService drivers = Executors.newFixedThreadPool(rooms);
        try {
            for (int r = 0; r < warmup; r++) {
                round(r, rooms, candidates, stagger, server.port(), tokens, client, drivers);
            }
            List<BenchPeer.Sample> samples = new ArrayList<>();
            List<Long> setups = new ArrayList<>();
            long[] messages = new long[2];
            long[] cpuBefore = cpu();
            Map<String, Long> threadsBefore = threadCpu();
            long start = System.nanoTime();
            for (int r = 0; r < rounds; r++) {
                for (Room room : round(warmup + r, rooms, candidates, stagger, server.port(), tokens,
                        client, drivers)) {
                    samples.addAll(room.advisor().samples);
                    samples.addAll(room.customer().samples);
                    setups.add(room.setupNanos());
                    messages[0] += room.advisor().sent + room.customer().sent;
                    messages[1] += room.received();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] cpuAfter = cpu();
            Map<String, Long> threadsAfter = threadCpu();
            report(options, samples, setups, messages, seconds);
            double serverNanos = threadsAfter.get("server") - threadsBefore.get("server");
            System.out.printf("| server threads' CPU per room setup (2 joins with ES256 checks, 26 relays, 2 leaves) |"
                    + " %.2f ms |%n", serverNanos / 1e6 / setups.size());
            System.out.printf("| CPU in the measured rounds: server threads / client and harness threads | %.2f / %.2f"
                    + " cores |%n", serverNanos / 1e9 / seconds,
                    (threadsAfter.get("other") - threadsBefore.get(
                            "other")) / 1e9 / seconds);
            System.out.printf("| CPU in the measured rounds: this JVM / whole machine | %.2f / %s cores |%n",
                    (cpuAfter[0] - cpuBefore[0]) / 1e9 / seconds, cpuAfter[1] < 0
                            ? "?"
                            : String.format("%.2f", (cpuAfter[1] - cpuBefore[1]) / 100.0 / seconds));
        } finally {
            drivers.shutdownNow();
            client.stop();
            server.stop();
        }
    }

    /** One room's two peers and how long its whole setup took. */
    private record Room(BenchPeer advisor, BenchPeer customer, long setupNanos) {
        long received() {
            return advisor.samples.size() + customer.samples.size() + 3; // plus two welcomes and a peer-joined
        }
    }

    private static List<Room> round(int round, int rooms, int candidates, int stagger, int port, TestTokens tokens,
            WebSocketClient client, ExecutorService drivers) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<Room>> futures = new ArrayList<>();
        for (int i = 0; i < rooms; i++) {
            String sessionId = "bench-" + round + "-" + i;
            long delay = stagger == 0 ? 0 : ThreadLocalRandom.current().nextLong(stagger);
            // Minted before the gate opens: signing is the app's work, not the signaling server's.
            String advisorToken = tokens.mint(sessionId, "advisor-" + sessionId, Role.ADVISOR);
            String customerToken = tokens.mint(sessionId, "customer", Role.CUSTOMER);
            futures.add(drivers.submit(() -> {
                gate.await();
                Thread.sleep(delay);
                return setUp(sessionId, candidates, port, advisorToken, customerToken, client);
            }));
        }
        gate.countDown();
        List<Room> done = new ArrayList<>();
        for (Future<Room> f : futures) {
            done.add(f.get(60, TimeUnit.SECONDS));
        }
        return done;
    }

    private static Room setUp(String sessionId, int candidates, int port, String advisorToken, String customerToken,
            WebSocketClient client) throws Exception {
        long start = System.nanoTime();
        BenchPeer advisor = new BenchPeer();
        BenchPeer customer = new BenchPeer();
        advisor.pairWith(customer);
        customer.pairWith(advisor);
        connect(client, port, sessionId, advisorToken, advisor);
        advisor.await("welcome");
        connect(client, port, sessionId, customerToken, customer);
        customer.await("welcome");
        advisor.await("peer-joined");

        advisor.send("offer", "{\"type\":\"offer\",\"sdp\":" + quoted(SDP) + "}");
        customer.await("offer");
        customer.send("answer", "{\"type\":\"answer\",\"sdp\":" + quoted(SDP) + "}");
        advisor.await("answer");
        for (int c = 0; c <= candidates; c++) {
            advisor.send("candidate", candidate(c, candidates));
            customer.send("candidate", candidate(c, candidates));
        }
        for (int c = 0; c <= candidates; c++) {
            advisor.await("candidate");
            customer.await("candidate");
        }
        advisor.send("mute", "{\"type\":\"mute\",\"audio\":true,\"video\":true}");
        customer.send("mute", "{\"type\":\"mute\",\"audio\":true,\"video\":false}");
        customer.await("mute");
        advisor.await("mute");
        long setup = System.nanoTime() - start;
        advisor.close();
        customer.close();
        return new Room(advisor, customer, setup);
    }

    private static void connect(WebSocketClient client, int port, String sessionId, String token, BenchPeer peer)
            throws Exception {
        ClientUpgradeRequest request = new ClientUpgradeRequest(URI.create("ws://127.0.0.1:" + port + "/signal/"
                + sessionId));
        request.setSubProtocols(SignalUpgrade.PROTOCOL, SignalUpgrade.BEARER_PREFIX + token);
        client.connect(peer, request).get(10, TimeUnit.SECONDS);
    }

    private static void report(Map<String, Integer> options, List<BenchPeer.Sample> samples, List<Long> setups,
            long[] messages, double seconds) {
        int setupCount = options.get("rooms") * options.get("rounds");
        System.out.printf("## Signaling benchmark: %d concurrent room setups x %d rounds (after %d warm-up rounds),"
                + " started %s%n%n", options.get("rooms"), options.get("rounds"), options.get("warmup"),
                options.get("stagger") == 0 ? "all at once" : "within " + options.get("stagger") + " ms");
        System.out.printf("Machine: %d cores (`availableProcessors`), Java %s (%s), max heap %d MiB; server and"
                + " clients in one JVM on loopback.%n%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), ManagementFactory.getRuntimeMXBean().getVmName(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
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
        long[] setup = setups.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("| setup time p50 / p99 (join to last mute) | %.2f / %.2f ms |%n", ms(at(setup, 0.50)),
                ms(at(setup, 0.99)));
        System.out.printf("| relayed messages per second (measured rounds) | %.0f |%n", samples.size() / seconds);
    }

    /** CPU time in ns of the server's threads (named "signaling-...") and of all others, live threads only. */
    private static Map<String, Long> threadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> cpu = new TreeMap<>(Map.of("server", 0L, "other", 0L));
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            long nanos = info == null ? -1 : threads.getThreadCpuTime(info.getThreadId());
            if (nanos > 0) {
                cpu.merge(info.getThreadName().startsWith("signaling") ? "server" : "other", nanos, Long::sum);
            }
        }
        return cpu;
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
                10, "stagger", 0));
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

    private static String candidate(int index, int last) {
        if (index == last) {
            return "{\"type\":\"candidate\",\"candidate\":null}";
        }
        return "{\"type\":\"candidate\",\"candidate\":{\"candidate\":\"candidate:" + (842163049 + index)
                + " 1 udp 1677729535 198.51.100." + (index % 250) + " " + (50000 + index)
                + " typ srflx raddr 0.0.0.0 rport 0 generation 0 ufrag 9Gbf network-cost 999\",\"sdpMid\":\""
                + (index % 2) + "\",\"sdpMLineIndex\":" + (index % 2) + ",\"usernameFragment\":\"9Gbf\"}}";
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r").replace("\n", "\\n")
                + "\"";
    }

    /** A plausible audio+video offer (about 4 KB, as Chromium's with bundle and a few codecs). */
    private static String sdp() {
        StringBuilder sdp = new StringBuilder("v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                + "a=group:BUNDLE 0 1\r\na=extmap-allow-mixed\r\na=msid-semantic: WMS stream\r\n");
        for (String media : new String[]{"audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126",
                "video 9 UDP/TLS/RTP/SAVPF 96 97 102 103 104 105 106 107 108 109 127 125 39 40 45 46 98 99 100 101"}) {
            sdp.append("m=").append(media).append("\r\nc=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n")
                    .append("a=ice-ufrag:9Gbf\r\na=ice-pwd:H3vcWr3hOXbQ2YvfIwUZl2xq\r\na=ice-options:trickle\r\n")
                    .append("a=fingerprint:sha-256 6B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:")
                    .append("C2:43:F0:A1:58:D0:A1:2C:19:08\r\na=setup:actpass\r\na=sendrecv\r\na=rtcp-mux\r\n");
            for (int pt = 0; pt < 18; pt++) {
                sdp.append("a=rtpmap:").append(96 + pt).append(" VP8/90000\r\na=rtcp-fb:").append(96 + pt)
                        .append(" nack pli\r\n");
            }
        }
        return sdp.toString();
    }
}

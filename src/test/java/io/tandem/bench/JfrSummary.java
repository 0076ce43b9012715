package io.tandem.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a server's time and allocations go, from a JFR recording (settings=profile) of one measuring window: CPU
 * samples by the running method and by the nearest Tandem method on the stack, allocation samples by class and by the
 * nearest Tandem method. The whole tables go to {@code <recording>.txt}; the report gets the top few.
 */
final class JfrSummary {

    private JfrSummary() {}

    static String summarize(Path recording, String title) throws IOException {
        Map<String, Long> cpuTop = new HashMap<>();
        Map<String, Long> cpuLayer = new HashMap<>();
        Map<String, Long> cpuTandem = new HashMap<>();
        Map<String, Long> allocClass = new HashMap<>();
        Map<String, Long> allocTandem = new HashMap<>();
        long samples = 0;
        long allocated = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            String type = e.getEventType().getName();
            RecordedStackTrace stack = e.getStackTrace();
            if (type.equals("jdk.ExecutionSample") && stack != null && !stack.getFrames().isEmpty()) {
                samples++;
                String top = method(stack.getFrames().get(0));
                cpuTop.merge(top, 1L, Long::sum);
                cpuLayer.merge(layer(top), 1L, Long::sum);
                cpuTandem.merge(nearestTandem(stack.getFrames()), 1L, Long::sum);
            } else if (type.equals("jdk.ObjectAllocationSample")) {
                long weight = e.getLong("weight");
                allocated += weight;
                allocClass.merge(e.getClass("objectClass").getName(), weight, Long::sum);
                allocTandem.merge(stack == null ? "(no stack)" : nearestTandem(stack.getFrames()), weight,
                        Long::sum);
            }
        }
        StringBuilder full = new StringBuilder();
        full.append("JFR ").append(recording.getFileName()).append(": ").append(samples).append(" CPU samples, ")
                .append(allocated / 1_000_000).append(" MB allocated (sampled weight)\n\n");
        table(full, "CPU samples by layer (running method's package)", cpuLayer, samples, 20);
        table(full, "CPU samples by running method", cpuTop, samples, 40);
        table(full, "CPU samples by nearest io.tandem method on the stack (inclusive)", cpuTandem, samples, 30);
        table(full, "Allocation by class", allocClass, allocated, 25);
        table(full, "Allocation by nearest io.tandem method on the stack", allocTandem, allocated, 25);
        Path text = recording.resolveSibling(recording.getFileName() + ".txt");
        Files.writeString(text, full);

        StringBuilder s = new StringBuilder();
        s.append("- JFR, ").append(title).append(" (").append(recording.getFileName()).append(", tables in ")
                .append(text.getFileName()).append("): ").append(samples).append(" CPU samples; by layer ")
                .append(top(cpuLayer, samples, 6)).append("; nearest Tandem method ").append(top(cpuTandem, samples,
                        5))
                .append("; allocation ").append(allocated / 1_000_000).append(" MB sampled, by class ")
                .append(top(allocClass, allocated, 4)).append(", by nearest Tandem method ")
                .append(top(allocTandem, allocated, 4)).append(".\n");
        return s.toString();
    }

    private static String method(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    /** The innermost io.tandem frame: the Tandem code on whose behalf the sample ran. */
    private static String nearestTandem(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String m = method(f);
            if (m.startsWith("io.tandem.")) {
                return m;
            }
        }
        return "(outside Tandem code: transport, framework, JVM)";
    }

    private static String layer(String method) {
        String[][] layers = {{"io.tandem.", "Tandem"}, {"io.netty.", "Netty"}, {"io.vertx.", "Vert.x"},
                {"io.quarkus.websockets.", "websockets-next"}, {"io.quarkus.", "Quarkus"}, {"io.smallrye.mutiny.",
                        "Mutiny"},
                {"io.smallrye.", "SmallRye"}, {"org.hibernate.", "Hibernate"}, {"io.micrometer.", "Micrometer"},
                {"com.fasterxml.jackson.", "Jackson"}, {"java.util.zip.", "JDK zip"}, {"sun.nio.", "JDK NIO"},
                {"java.", "JDK"}, {"jdk.", "JDK"}, {"sun.", "JDK"}};
        for (String[] l : layers) {
            if (method.startsWith(l[0])) {
                return l[1];
            }
        }
        return "other";
    }

    private static void table(StringBuilder out, String title, Map<String, Long> counts, long total, int limit) {
        out.append(title).append(":\n");
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
                .forEach(e -> out.append(String.format(Locale.ROOT, "  %5.1f %%  %s%n", 100.0 * e.getValue()
                        / Math.max(1, total), e.getKey())));
        out.append('\n');
    }

    private static String top(Map<String, Long> counts, long total, int n) {
        return String.join(", ", counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue()
                .reversed()).limit(n).map(e -> String.format(Locale.ROOT, "`%s` %.0f %%", e.getKey(),
                        100.0 * e
                                .getValue() / Math.max(1, total)))
                .toList());
    }
}

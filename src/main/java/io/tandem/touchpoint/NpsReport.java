package io.tandem.touchpoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** NPS over a period, overall and per advisor (advisors without answers in the period are not listed). */
public record NpsReport(Instant from, Instant to, Nps overall, List<AdvisorNps> advisors) {

    public record AdvisorNps(UUID advisorId, String advisorName, Nps nps) {}

    /** @param rows advisor id, advisor name, score (Number) per answered touchpoint */
    public static NpsReport of(Instant from, Instant to, List<Object[]> rows) {
        List<Integer> all = new ArrayList<>();
        Map<UUID, List<Integer>> byAdvisor = new LinkedHashMap<>();
        Map<UUID, String> names = new LinkedHashMap<>();
        for (Object[] r : rows) {
            int score = ((Number) r[2]).intValue();
            all.add(score);
            byAdvisor.computeIfAbsent((UUID) r[0], id -> new ArrayList<>()).add(score);
            names.put((UUID) r[0], (String) r[1]);
        }
        List<AdvisorNps> advisors = byAdvisor.entrySet().stream()
                .map(e -> new AdvisorNps(e.getKey(), names.get(e.getKey()), Nps.of(e.getValue())))
                .sorted(Comparator.comparing(AdvisorNps::advisorName, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        return new NpsReport(from, to, Nps.of(all), advisors);
    }
}

package io.tandem.touchpoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * NPS over a period, overall and per advisor: {@code advisors} by the owner at each session's end (the one the rating
 * is attributed to), {@code participants} by every advisor who took part (colleagues who joined, supervisors who
 * stepped in, an owner before a transfer). Advisors without answers in the period are not listed.
 */
public record NpsReport(Instant from, Instant to, Nps overall, List<AdvisorNps> advisors,
        List<AdvisorNps> participants) {

    public record AdvisorNps(UUID advisorId, String advisorName, Nps nps) {}

    /** @param rows advisor id, advisor name, score (Number) per answered touchpoint */
    public static NpsReport of(Instant from, Instant to, List<Object[]> rows) {
        return of(from, to, rows, List.of());
    }

    /**
     * @param rows advisor id, advisor name, score (Number) per answered touchpoint, by its owner at the end
     * @param participantRows the same per advisor who took part in an answered touchpoint's session
     */
    public static NpsReport of(Instant from, Instant to, List<Object[]> rows, List<Object[]> participantRows) {
        List<Integer> all = new ArrayList<>();
        for (Object[] r : rows) {
            all.add(((Number) r[2]).intValue());
        }
        return new NpsReport(from, to, Nps.of(all), perAdvisor(rows), perAdvisor(participantRows));
    }

    private static List<AdvisorNps> perAdvisor(List<Object[]> rows) {
        Map<UUID, List<Integer>> byAdvisor = new LinkedHashMap<>();
        Map<UUID, String> names = new LinkedHashMap<>();
        for (Object[] r : rows) {
            byAdvisor.computeIfAbsent((UUID) r[0], id -> new ArrayList<>()).add(((Number) r[2]).intValue());
            names.put((UUID) r[0], (String) r[1]);
        }
        return byAdvisor.entrySet().stream()
                .map(e -> new AdvisorNps(e.getKey(), names.get(e.getKey()), Nps.of(e.getValue())))
                .sorted(Comparator.comparing(AdvisorNps::advisorName, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }
}

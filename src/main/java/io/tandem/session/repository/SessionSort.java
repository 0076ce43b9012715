package io.tandem.session.repository;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The session log's order: one column, ascending or descending; ties newest first. Empty values sort last. */
public record SessionSort(Column column, boolean descending) {

    public static final SessionSort NEWEST_FIRST = new SessionSort(Column.CREATED, true);

    /** The sortable columns and the query expression each sorts by. */
    public enum Column {
        CREATED("s.createdAt"),
        STARTED("s.startedAt"),
        ENDED("s.endedAt"),
        DURATION("t.durationSeconds"),
        SCORE("t.feedbackScore"),
        ADVISOR("lower(a.displayName)"),
        CUSTOMER("lower(c.name)"),
        OUTCOME("s.outcome"),
        STATUS("s.status");

        final String expression;

        Column(String expression) {
            this.expression = expression;
        }

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** "duration" ascending, "-duration" descending; null or blank: newest first. */
    public static SessionSort parse(String value) {
        if (value == null || value.isBlank()) {
            return NEWEST_FIRST;
        }
        String v = value.trim();
        boolean desc = v.startsWith("-");
        String name = desc ? v.substring(1) : v;
        for (Column c : Column.values()) {
            if (c.wire().equals(name)) {
                return new SessionSort(c, desc);
            }
        }
        throw new IllegalArgumentException("sort: one of " + Arrays.stream(Column.values()).map(Column::wire)
                .collect(Collectors.joining(", ")) + ", optionally prefixed with - for descending");
    }

    String orderBy() {
        return " order by " + column.expression + (descending ? " desc" : " asc")
                + " nulls last, s.createdAt desc, s.id";
    }
}

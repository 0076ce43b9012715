package io.tandem.touchpoint.report;

import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A report's period [from, to): dates (UTC; a date "to" counts through that day) or instants; default the 30 days up
 * to now; at most three years.
 */
public record ReportPeriod(Instant from, Instant to) {

    private static final Duration MAX_PERIOD = Duration.ofDays(366 * 3);

    public static ReportPeriod of(String from, String to, Clock clock) {
        Instant end = to == null ? clock.instant() : instant(to, "to", true);
        Instant start = from == null ? end.minus(Duration.ofDays(30)) : instant(from, "from", false);
        if (!start.isBefore(end) || Duration.between(start, end).compareTo(MAX_PERIOD) > 0) {
            throw new ProblemException(ProblemType.INVALID_REQUEST,
                    "Choose a \u201cfrom\u201d date before the \u201cto\u201d date, and a period of at most three years.");
        }
        return new ReportPeriod(start, end);
    }

    private static Instant instant(String value, String name, boolean endOfDay) {
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ProblemException(ProblemType.INVALID_REQUEST,
                    name + " must be a date (2026-01-31) or an instant (2026-01-31T09:00:00Z)");
        }
    }
}

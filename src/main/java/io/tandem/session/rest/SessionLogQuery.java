package io.tandem.session.rest;

import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import io.tandem.touchpoint.Outcome;
import io.tandem.session.SessionStatus;
import io.tandem.session.repository.SessionFilter;
import io.tandem.session.repository.SessionSort;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The session log's query parameters, shared by the list and the CSV export. Read as text and checked here, so a bad
 * value is a 400 problem naming the parameter (JAX-RS would answer 404 for a number it cannot convert).
 */
public class SessionLogQuery {

    @QueryParam("status")
    String status;
    @QueryParam("advisor")
    String advisor;
    @QueryParam("customer")
    String customer;
    @QueryParam("from")
    String from;
    @QueryParam("to")
    String to;
    @QueryParam("outcome")
    String outcome;
    @QueryParam("minDuration")
    String minDuration;
    @QueryParam("maxDuration")
    String maxDuration;
    @QueryParam("minScore")
    String minScore;
    @QueryParam("maxScore")
    String maxScore;
    @QueryParam("recorded")
    String recorded;
    @QueryParam("notes")
    String notes;
    @QueryParam("sort")
    String sort;

    public SessionFilter filter() {
        Integer minS = number("minScore", minScore, 10);
        Integer maxS = number("maxScore", maxScore, 10);
        if (notes != null && notes.length() > 200) {
            throw invalid("notes: at most 200 characters");
        }
        return new SessionFilter(status(), uuid("advisor", advisor), uuid("customer", customer),
                instant("from", from), instant("to", to), outcome(), number("minDuration", minDuration,
                        Integer.MAX_VALUE),
                number("maxDuration", maxDuration, Integer.MAX_VALUE), minS, maxS, recorded(), notes, null);
    }

    public SessionSort sort() {
        try {
            return SessionSort.parse(sort);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private SessionStatus status() {
        if (blank(status)) {
            return null;
        }
        try {
            return SessionStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("status: one of created, waiting, active, ended, expired");
        }
    }

    private Outcome outcome() {
        if (blank(outcome)) {
            return null;
        }
        try {
            return Outcome.valueOf(outcome.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("outcome: one of " + Arrays.stream(Outcome.values())
                    .map(o -> o.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }
    }

    private Boolean recorded() {
        if (blank(recorded)) {
            return null;
        }
        return switch (recorded.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid("recorded: true or false");
        };
    }

    private static Integer number(String name, String value, int max) {
        if (blank(value)) {
            return null;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < 0 || n > max) {
                throw invalid(name + ": a whole number from 0 to " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw invalid(name + ": a whole number from 0 to " + max);
        }
    }

    private static UUID uuid(String name, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw invalid(name + ": an id (UUID)");
        }
    }

    /** An ISO-8601 instant, or a date meaning its start in UTC. */
    private static Instant instant(String name, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return value.length() == 10
                    ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(name + ": an ISO-8601 date (2026-11-22) or instant (2026-11-22T09:30:00Z)");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ProblemType.INVALID_REQUEST, detail);
    }
}

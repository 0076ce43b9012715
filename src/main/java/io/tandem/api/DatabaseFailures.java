package io.tandem.api;

import java.time.Duration;
import java.util.Set;

/**
 * Tells a failure caused by the database being away (refused, cut, shutting down, not accepting connections) from
 * every other failure, by the exception classes and PostgreSQL error codes along its cause chain. Such a failure is the
 * service's condition, not a bug: it is answered 503 with Retry-After.
 */
public final class DatabaseFailures {

    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    /** Exceptions (by simple name, so no driver is a compile-time dependency) that mean the connection is gone. */
    private static final Set<String> CONNECTION_LOST = Set.of("ConnectException", "ClosedConnectionException",
            "NoRouteToHostException", "ConnectTimeoutException", "ConnectionPoolTooBusyException",
            "UnknownHostException", "PoolClosedException");
    /**
     * SQLSTATE classes and codes that mean the server cannot serve: 08 connection exception, 57P01-57P03 shutting
     * down or starting, 53300 too many connections, 55000 with "not currently accepting connections".
     */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseFailures() {}

    /** A short name of the cause when {@code e} comes from the database being away, else null. */
    public static String unreachable(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 16; t = t.getCause(), depth++) {
            String name = t.getClass().getSimpleName();
            if (CONNECTION_LOST.contains(name)) {
                return name;
            }
            String state = sqlState(t);
            if (state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state)
                    || state.equals("55000") && String.valueOf(t.getMessage()).contains("accepting connections"))) {
                return "SQLSTATE " + state;
            }
            if ("NoStackTraceThrowable".equals(name) && String.valueOf(t.getMessage()).contains("connection")) {
                return "connection lost";
            }
        }
        return null;
    }

    private static String sqlState(Throwable t) {
        if (t instanceof java.sql.SQLException sql) {
            return sql.getSQLState();
        }
        try {
            Object state = t.getClass().getMethod("getSqlState").invoke(t); // io.vertx.pgclient.PgException
            return state instanceof String s ? s : null;
        } catch (ReflectiveOperationException | RuntimeException notADatabaseError) {
            return null;
        }
    }
}

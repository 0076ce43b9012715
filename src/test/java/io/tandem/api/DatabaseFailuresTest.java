package io.tandem.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {

    /** Stands for io.vertx.pgclient.PgException, found by its getSqlState(). */
    static final class PgLike extends RuntimeException {
        private final String state;

        PgLike(String state, String message) {
            super(message);
            this.state = state;
        }

        public String getSqlState() {
            return state;
        }
    }

    @Test
    void theDatabaseBeingAwayIsToldApartFromEveryOtherFailure() {
        assertEquals("ConnectException",
                DatabaseFailures.unreachable(new CompletionException(new ConnectException("Connection refused"))));
        assertEquals("SQLSTATE 08006", DatabaseFailures.unreachable(new PgLike("08006", "connection failure")));
        assertEquals("SQLSTATE 57P01", DatabaseFailures.unreachable(new RuntimeException(new PgLike("57P01",
                "terminating connection due to administrator command"))));
        assertEquals("SQLSTATE 55000", DatabaseFailures.unreachable(new PgLike("55000",
                "database \"x\" is not currently accepting connections")));
        assertEquals("SQLSTATE 53300", DatabaseFailures.unreachable(new SQLException("too many", "53300")));
        // the database answering with an error of the query is not an outage
        assertNull(DatabaseFailures.unreachable(new PgLike("23505", "duplicate key")));
        assertNull(DatabaseFailures.unreachable(new PgLike("55000", "object not in prerequisite state")));
        assertNull(DatabaseFailures.unreachable(new IllegalStateException("a bug")));
        assertNull(DatabaseFailures.unreachable(new NullPointerException()));
    }
}

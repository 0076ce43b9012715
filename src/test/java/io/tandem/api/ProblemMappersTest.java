package io.tandem.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/** An unexpected failure reaches the client as a 500 problem with an error id, never with the exception's text. */
class ProblemMappersTest {

    @Test
    void anUnexpectedFailureIsA500ProblemWithAnErrorIdAndNothingOfTheException() {
        IllegalStateException failure = new IllegalStateException("row 42 of secret_table at io.tandem.Hidden");
        Response answer = new ProblemMappers().unexpected(failure, null);

        assertEquals(500, answer.getStatus());
        assertEquals(Problem.MEDIA_TYPE, answer.getMediaType().toString());
        Problem problem = (Problem) answer.getEntity();
        assertEquals(ProblemType.INTERNAL.uri(), problem.type());
        assertTrue(problem.detail().matches("Something went wrong; error id [0-9a-f-]{36}"), problem.detail());
        for (String internal : new String[]{"secret_table", "IllegalStateException", "io.tandem", "Hidden"}) {
            assertFalse(problem.toString().contains(internal), internal + " reached the client: " + problem);
        }
        Problem again = (Problem) new ProblemMappers().unexpected(failure, null).getEntity();
        assertFalse(problem.detail().equals(again.detail()), "each failure gets its own error id to find in the log");
    }
}

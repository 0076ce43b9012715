package io.tandem.api;

import java.time.Duration;

/** A domain failure the client can act on; rendered as problem+json by {@link ProblemMappers}. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final Duration retryAfter;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, null);
    }

    public ProblemException(ProblemType type, String detail, Duration retryAfter) {
        super(detail, null, false, false);
        this.type = type;
        this.retryAfter = retryAfter;
    }

    public ProblemType type() {
        return type;
    }

    /** For 429 answers: when the client may try again, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public static ProblemException notFound(ProblemType type, Object id) {
        return new ProblemException(type, "No such resource: " + id);
    }
}

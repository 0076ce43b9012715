package io.tandem.signaling.message;

/** A client message the codec refuses; the message is a short category safe to send as a close reason. */
public class BadMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    public BadMessageException(String message) {
        super(message, null, false, false);
    }
}

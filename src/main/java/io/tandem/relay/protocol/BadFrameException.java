package io.tandem.relay.protocol;

/** A frame outside the protocol; the connection is closed with {@link CloseCode#BAD_MESSAGE}. */
public class BadFrameException extends RuntimeException {
    public BadFrameException(String message) {
        super(message, null, false, false);
    }
}

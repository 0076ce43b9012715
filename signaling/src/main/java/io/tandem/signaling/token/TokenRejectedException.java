package io.tandem.signaling.token;

/** A signaling token that must not open a socket; the message is safe to log (it never contains the token). */
public class TokenRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    public TokenRejectedException(String message) {
        super(message, null, false, false);
    }
}

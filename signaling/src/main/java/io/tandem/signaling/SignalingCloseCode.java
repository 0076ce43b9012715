package io.tandem.signaling;

/** The close codes the signaling endpoint sends; private-use range 4000-4999 as in the relay's table. */
public enum SignalingCloseCode {

    /** The skeleton accepts the upgrade but has no signaling to offer yet. */
    NOT_IMPLEMENTED(4501, "signaling not implemented yet");

    private final int code;
    private final String reason;

    SignalingCloseCode(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }
}

package io.tandem.session.rest;

import jakarta.validation.Valid;

/**
 * Asking for a handoff code. {@code call}: a video call is under way and goes on with the next page, with these
 * microphone and camera states (null: no call).
 */
public record HandoffRequest(@Valid HandoffCall call) {

    /** The call's state handed to the next page: true means muted or off. */
    public record HandoffCall(boolean audio, boolean video) {}
}

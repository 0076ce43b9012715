package io.tandem.signaling.token;

import io.tandem.signaling.room.Participant;

/** What a valid signaling token grants: the session ({@code sid}) it opens and the participant it speaks for. */
public record VerifiedToken(String sessionId, Participant participant) {}

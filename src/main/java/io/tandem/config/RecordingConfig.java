package io.tandem.config;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Session recordings: how often they are stored, and the bounds of the memory they take on this node. */
@ConfigMapping(prefix = "tandem.recording")
public interface RecordingConfig {

    /** Whether sessions are recorded at all (an admin may also switch recording off in the settings). Default true. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Bytes of frames this node holds before they are stored; beyond, frames are dropped and counted, and readiness
     * reports DOWN at 90 %. Default 64 MiB.
     */
    @WithDefault("67108864")
    long bufferBytes();

    /**
     * Bytes of that buffer one session may hold (at most half of buffer-bytes), so a session flooding faster than
     * recordings are stored drops and counts its own frames, never another session's, and cannot turn readiness DOWN.
     * Default 16 MiB.
     */
    @WithDefault("16777216")
    long sessionBufferBytes();

    /** How often buffered frames are written as chunks ("off" stores only at shutdown, for tests). Default 2s. */
    @WithDefault("2s")
    String flushInterval();

    /** Most recorded bytes one replay read returns (beyond, the answer says truncated). Default 64 MiB. */
    @WithDefault("67108864")
    long maxReplayBytes();

    /**
     * The key that seals each stored chunk (HMAC-SHA256 over its place in the chain), Base64, at least 32 bytes; the
     * database never holds it, so whoever can write to the database cannot rewrite a recording and its chain unseen.
     * Default: derived from tandem.customer.credential-secret (which a production server requires).
     */
    Optional<String> signingKey();

    /** Keys that sealed older chunks, accepted when verifying after the signing key was changed (Base64 each). */
    Optional<List<String>> previousSigningKeys();
}

package io.tandem.video;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.tandem.config.TandemConfig;
import io.tandem.relay.room.RoomRegistry;
import io.tandem.session.SessionFinished;
import io.tandem.session.SessionSeatChanged;
import io.tandem.site.SiteOrigins;
import io.tandem.site.SiteOriginsChanged;
import io.tandem.signaling.SignalingConfig;
import io.tandem.signaling.SignalingServer;
import io.tandem.signaling.room.CallListener;
import io.tandem.signaling.token.TokenKeys;
import io.tandem.touchpoint.service.TouchpointService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Runs the Jetty signaling server (signaling/) inside the app on its own port, unless it runs standalone
 * (tandem.signaling.embedded=false): the app's signing key and the relay's origin allow-list are handed over
 * in-process (and its changes at run time), calls are marked in the session's recording as they start and end,
 * finished calls add their seconds to the session's touchpoint, and ended sessions close their calls. Stopped gracefully
 * with the app (open sockets get 1001).
 */
@ApplicationScoped
public class EmbeddedSignaling {

    private static final Logger LOG = Logger.getLogger(EmbeddedSignaling.class);

    private final TandemConfig.Signaling config;
    private final SignalingTokens tokens;
    private final TouchpointService touchpoints;
    private final SiteOrigins origins;
    private final RoomRegistry rooms;
    private volatile SignalingServer server;

    public EmbeddedSignaling(TandemConfig tandem, SignalingTokens tokens, TouchpointService touchpoints,
            SiteOrigins origins, RoomRegistry rooms) {
        this.rooms = rooms;
        this.config = tandem.signaling();
        this.tokens = tokens;
        this.touchpoints = touchpoints;
        this.origins = origins;
    }

    void start(@Observes StartupEvent event) {
        if (!config.embedded()) {
            return;
        }
        // The relay's origin allow-list: the pages that may open the relay may open calls, no others.
        SignalingServer s = new SignalingServer(new SignalingConfig(config.port(), SignalingConfig.DEFAULT_IDLE_TIMEOUT,
                SignalingConfig.DEFAULT_MAX_MESSAGE_BYTES, SignalingConfig.DEFAULT_OUTBOUND_QUEUE_BYTES,
                tokens.issuer()).withAllowedOrigins(origins.webSockets()).withMaxMediaPeers(config.maxMediaPeers()),
                TokenKeys.of(tokens.publicKeys()),
                new CallListener() {
                    @Override
                    public void callStarted(String sessionId) {
                        mark(sessionId, true, 0);
                    }

                    @Override
                    public void callEnded(String sessionId, Duration length) {
                        mark(sessionId, false, length.toSeconds());
                        EmbeddedSignaling.this.callEnded(sessionId, length);
                    }
                });
        // graceful: Jetty's own stop (sockets closed with 1001, in-flight requests finished) within its stop timeout
        s.start();
        server = s;
        s.allowOrigins(origins.webSockets()); // a change while starting found no server to tell
        LOG.infof("Signaling server listening on port %d", s.port());
    }

    /** Site origins added or removed at run time (here or on another node) apply to the next upgrades. */
    void originsChanged(@Observes SiteOriginsChanged event) {
        SignalingServer s = server;
        if (s != null) {
            s.allowOrigins(event.webSockets());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        SignalingServer s = server;
        server = null;
        if (s != null) {
            s.stop();
        }
    }

    /**
     * The session ended (REST or expiry) on this node: its signaling sockets close with 4409 and its tokens are refused
     * from now on (410). Only this process' server hears of it: a standalone server does not (see docs/security.md).
     */
    void finished(@Observes SessionFinished event) {
        SignalingServer s = server;
        if (s != null) {
            s.endSession(event.sessionId().toString());
        }
    }

    /**
     * A supervisor stepped back out of the conversation: their call here closes (4403) and the media tokens they were
     * given while they took part are refused until they step in again. Stepping in opens them again. Other nodes'
     * servers are not told (as with session ends); standalone servers hear it over Redis.
     */
    void seatChanged(@Observes SessionSeatChanged event) {
        SignalingServer s = server;
        if (s == null || event.change() == SessionSeatChanged.Change.OWNER) {
            return;
        }
        if (event.change() == SessionSeatChanged.Change.STEPPED_OUT) {
            s.endSeat(event.sessionId().toString(), event.personId());
        } else {
            s.startSeat(event.sessionId().toString(), event.personId());
        }
    }

    /** The call's start or end, marked in the session's recording (for the replay) where its room is on this node. */
    private void mark(String sessionId, boolean started, long seconds) {
        try {
            rooms.callChanged(UUID.fromString(sessionId), started, seconds);
        } catch (RuntimeException e) {
            LOG.warnf("Could not mark the call of session %s in its recording: %s", sessionId, e.toString());
        }
    }

    /** Called by the signaling server (on one of its threads) when a call ends (fewer than two media peers left). */
    private void callEnded(String sessionId, Duration length) {
        long seconds = length.toSeconds();
        if (seconds <= 0) {
            return;
        }
        try {
            UUID id = UUID.fromString(sessionId);
            // on a Vert.x context of its own (Hibernate Reactive needs one), without blocking the signaling thread
            VertxContextSupport.subscribeWith(() -> touchpoints.recordVideo(id, seconds)
                    .onFailure().invoke(e -> LOG.warnf("Could not record %d video seconds of session %s: %s", seconds,
                            sessionId, e.toString()))
                    .onFailure().recoverWithNull().toMulti(), v -> {});
        } catch (Throwable e) {
            LOG.warnf("Could not record video seconds of session %s: %s", sessionId, e.toString());
        }
    }
}

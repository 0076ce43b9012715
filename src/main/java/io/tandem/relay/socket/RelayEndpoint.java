package io.tandem.relay.socket;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.tandem.config.RelayConfig;
import io.tandem.relay.protocol.BadFrameException;
import io.tandem.relay.protocol.CloseCode;
import io.tandem.relay.protocol.FrameCodec;
import io.tandem.relay.protocol.Inbound;
import io.tandem.relay.protocol.MessageType;
import io.tandem.relay.router.RoomRouter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * The relay's socket adapter: one WebSocket per participant at /ws/sessions/{id}, on a plain Vert.x route. The upgrade
 * is decided by {@link RelayUpgradeCheck} before the 101; then every frame goes from Vert.x's handler straight to the
 * room, with no per-message dispatch, context or reactive wrapper in between. It enforces rate and size limits,
 * decodes headers and hands frames to the session's room; it knows nothing of routing. Runs on the event loop: no
 * blocking and no database on this path.
 */
@ApplicationScoped
public class RelayEndpoint {

    /** The relay's path, followed by the session's id. */
    public static final String PATH = "/ws/sessions/";
    private static final Logger LOG = Logger.getLogger(RelayEndpoint.class);
    /**
     * How long after its close a connection may go on sending before the server stops reading it: longer than a
     * round trip, so a client that answers the close is never cut.
     */
    static final long DEAF_AFTER_NANOS = 1_000_000_000L;
    /** The shortest pause of a participant over its rate. */
    static final long MIN_HOLD_MILLIS = 20;
    /** A close frame without a status code (RFC 6455, 1005). */
    private static final int NO_STATUS = 1005;

    private final RoomRouter router;
    private final RelayConfig config;
    private final FrameTap tap;
    private final StaffTokenWatch tokens;
    private final SessionSockets sockets;
    private final RelayUpgradeCheck check;
    private final Vertx vertx;

    public RelayEndpoint(RoomRouter router, RelayConfig config, FrameTap tap, StaffTokenWatch tokens,
            SessionSockets sockets, RelayUpgradeCheck check, Vertx vertx) {
        this.vertx = vertx;
        this.sockets = sockets;
        this.router = router;
        this.config = config;
        this.tap = tap;
        this.tokens = tokens;
        this.check = check;
    }

    void route(@Observes Router http) {
        http.get(PATH + ":id").handler(this::upgrade);
    }

    private void upgrade(RoutingContext ctx) {
        if (!"websocket".equalsIgnoreCase(ctx.request().getHeader(HttpHeaders.UPGRADE))) {
            ctx.next(); // a plain GET: not found
            return;
        }
        String sessionId = ctx.pathParam("id");
        Context request = Vertx.currentContext(); // the connection's event loop: the upgrade completes there
        check.perform(ctx, sessionId).emitOn(task -> request.runOnContext(v -> task.run())).subscribe().with(
                admission -> {
                    if (admission == null) {
                        return; // refused and answered
                    }
                    ParticipantBudget budget = check.openBudget(ctx, admission);
                    if (budget == null) {
                        return; // connecting faster than its rate: 429 before the WebSocket exists
                    }
                    ctx.request().toWebSocket().onComplete(ar -> {
                        if (ar.succeeded()) {
                            open(ar.result(), admission, budget, ctx);
                        } else {
                            budget.disconnect();
                            LOG.infof("Relay upgrade for session %s failed: %s", sessionId, ar.cause().getMessage());
                        }
                    });
                }, failure -> {
                    LOG.warnf(failure, "Relay upgrade for session %s failed", sessionId);
                    if (!ctx.response().headWritten()) {
                        ctx.response().setStatusCode(500).putHeader("Content-Length", "0").end();
                    }
                });
    }

    private void open(ServerWebSocket ws, Admission admission, ParticipantBudget budget, RoutingContext upgrade) {
        ConnectionPeer peer = new ConnectionPeer(ws, upgrade.request().connection(), admission, budget,
                admission.token() == null ? null : StaffTokenWatch.keptForRenewal(upgrade));
        if (!sockets.opened(peer)) {
            budget.disconnect();
            return; // its session ended while it was being upgraded: closed with 4409, no room opened for it
        }
        // handlers from here on (same event loop, so nothing is missed): a socket refused above is disconnected once
        ws.closeHandler(v -> closed(peer));
        ws.exceptionHandler(e -> failed(peer, e));
        ws.textMessageHandler(text -> text(peer));
        peer.room = router.port(admission.sessionId(), admission.holder(), admission.participant(), peer);
        ws.binaryMessageHandler(frame -> message(peer, frame));
        tokens.watch(peer);
    }

    private void message(ConnectionPeer peer, Buffer frame) {
        if (peer.closing) {
            // what was read before the close took effect: one refusal, one log line. Refused for what it sent, a
            // connection is no longer read; closed for another reason (the session ended, a newer connection) it
            // may still be sending when the close arrives, but one still sending a second later is not listening
            if (!peer.deaf && System.nanoTime() - peer.closedAt > DEAF_AFTER_NANOS) {
                peer.stopReading();
                LOG.infof("Stopped reading %s: still sending after its close", peer);
            }
            return;
        }
        if (tap.enabled()) {
            tap.record(peer.admission.sessionId(), frame);
        }
        try {
            Inbound in = FrameCodec.decode(frame);
            int max = in.type() == MessageType.DOM_SNAP ? config.maxSnapshotBytes() : config.maxMessageBytes();
            if (frame.length() > max) {
                LOG.infof("Closing %s: %s of %d bytes", peer, in.type().wire(), frame.length());
                refuse(peer, CloseCode.TOO_LARGE);
                return;
            }
            long wait = peer.budget.charge(in.type(), frame.length(), System.nanoTime());
            if (wait > 0) {
                slow(peer, wait);
            }
            if (in.type() == MessageType.SYS_AUTH) {
                renew(peer, in);
                return;
            }
            peer.room.receive(peer, peer.admission.participant(), in, frame);
            if (in.type() == MessageType.SYS_HELLO && !peer.greeted) {
                sockets.greeted(peer);
            }
        } catch (BadFrameException e) {
            LOG.infof("Closing %s: bad frame (%s)", peer, e.getMessage());
            refuse(peer, CloseCode.BAD_MESSAGE);
        }
    }

    /**
     * Slows a participant over its rate: this frame is taken (nothing sent is lost), then the socket is not read until
     * the participant's balance is back, and at least {@link #MIN_HOLD_MILLIS}, so a sender at its limit wakes the
     * server a few dozen times a second rather than once per frame. What the client sends meanwhile waits in Vert.x's
     * bounded inbound buffer and then in the kernel's. One log line per connection, the first time.
     */
    private void slow(ConnectionPeer peer, long waitNanos) {
        if (peer.held) {
            return;
        }
        if (!peer.slowed) {
            peer.slowed = true;
            LOG.infof("Slowing %s: sending faster than its rate", peer);
        }
        peer.held = true;
        peer.ws.pause();
        long millis = Math.max(MIN_HOLD_MILLIS, (waitNanos + 999_999) / 1_000_000);
        vertx.setTimer(millis, id -> {
            peer.held = false;
            if (!peer.deaf) { // a socket the relay stopped reading stays unread; one it closed reads its close
                peer.ws.resume();
            }
        });
    }

    /**
     * Closes a connection for what it sent (over its size, a bad frame) and stops reading it at once: a client
     * that floods or sends garbage does not get the server to read, unmask and drop what follows until its close
     * arrives; its close frame is sent first, and the close's timeout ends the TCP connection.
     */
    private static void refuse(ConnectionPeer peer, CloseCode code) {
        peer.close(code);
        peer.stopReading();
    }

    private void renew(ConnectionPeer peer, Inbound in) {
        if (!in.type().mayBeSentBy(peer.admission.participant().role())) {
            LOG.infof("Closing %s: sys.auth from a participant without a staff token", peer);
            peer.close(CloseCode.FORBIDDEN);
            return;
        }
        tokens.renew(peer, in);
    }

    private void text(ConnectionPeer peer) {
        if (!peer.closing) {
            LOG.infof("Closing %s: text frame (the protocol uses binary frames)", peer);
            refuse(peer, CloseCode.BAD_MESSAGE);
        }
    }

    private void closed(ConnectionPeer peer) {
        ArcContainer container = Arc.container();
        if (container == null || !container.isRunning()) {
            return; // the application has stopped and its sockets close after it: its rooms and budgets are gone too
        }
        sockets.closed(peer);
        peer.budget.disconnect();
        tokens.stop(peer);
        if (peer.room != null) {
            Short code = peer.ws.closeStatusCode();
            peer.room.closed(peer, code == null ? NO_STATUS : code);
        }
    }

    private void failed(ConnectionPeer peer, Throwable failure) {
        if (peer.ws.isClosed()) {
            return; // a write raced the close: nothing to tell anyone
        }
        SocketFailure mistake = SocketFailure.of(failure);
        CloseCode code = CloseCode.BAD_MESSAGE;
        if (failure instanceof HttpClosedException) {
            LOG.debugf("Relay connection %s closed abruptly", peer); // a browser tab closed: routine
        } else if (mistake != null) {
            // a client's mistake, refused by the transport (a frame over its bound from the header): one short line
            LOG.infof("Closing %s: %s", peer, mistake.what());
            code = mistake.code();
        } else {
            LOG.warnf(failure, "Relay connection %s failed", peer);
        }
        peer.close(code);
    }
}

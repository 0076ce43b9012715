package io.tandem.relay.socket;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.tandem.config.RelayConfig;
import io.tandem.relay.protocol.BadFrameException;
import io.tandem.relay.protocol.CloseCode;
import io.tandem.relay.protocol.FrameCodec;
import io.tandem.relay.protocol.Inbound;
import io.tandem.relay.protocol.MessageType;
import io.tandem.relay.router.RoomRouter;
import io.vertx.core.buffer.Buffer;
import org.jboss.logging.Logger;

/**
 * The relay's socket adapter: one endpoint per session at /ws/sessions/{id}. It enforces rate and size limits,
 * decodes headers and hands frames to the session's room; it knows nothing of routing. Runs on the event loop: no
 * blocking and no database on this path.
 */
@WebSocket(path = "/ws/sessions/{id}", endpointId = RelayEndpoint.ID)
public class RelayEndpoint {

    static final String ID = "tandem-relay";
    private static final UserData.TypedKey<ConnectionPeer> PEER = new UserData.TypedKey<>("tandem.peer");
    private static final Logger LOG = Logger.getLogger(RelayEndpoint.class);

    private final RoomRouter router;
    private final RelayConfig config;
    private final FrameTap tap;
    private final StaffTokenWatch tokens;
    private final SessionSockets sockets;
    private final ParticipantBudgets budgets;

    public RelayEndpoint(RoomRouter router, RelayConfig config, FrameTap tap, StaffTokenWatch tokens,
            SessionSockets sockets, ParticipantBudgets budgets) {
        this.sockets = sockets;
        this.router = router;
        this.config = config;
        this.tap = tap;
        this.tokens = tokens;
        this.budgets = budgets;
    }

    @OnOpen
    @NonBlocking
    public void open(WebSocketConnection connection) {
        Admission admission = connection.userData().get(RelayUpgradeCheck.ADMISSION);
        if (admission == null) {
            connection.close(new CloseReason(CloseCode.UNAUTHENTICATED.code(), CloseCode.UNAUTHENTICATED.reason()))
                    .subscribe().with(v -> {}, e -> {});
            return;
        }
        ParticipantBudget budget = budgets.open(admission.sessionId(), admission.participant().id(), System.nanoTime());
        if (budget == null) { // logged by the budgets; refused before the room hears of it
            connection.close(new CloseReason(CloseCode.RATE_LIMITED.code(), CloseCode.RATE_LIMITED.reason()))
                    .subscribe().with(v -> {}, e -> {});
            return;
        }
        ConnectionPeer peer = new ConnectionPeer(connection, admission, budget);
        if (!sockets.opened(peer)) {
            budget.disconnect();
            return; // its session ended while it was being upgraded: closed with 4409, no room opened for it
        }
        peer.room = router.port(admission.sessionId(), admission.holder(), admission.participant(), peer);
        connection.userData().put(PEER, peer);
        tokens.watch(peer);
    }

    @OnBinaryMessage
    @NonBlocking
    public void message(WebSocketConnection connection, Buffer frame) {
        ConnectionPeer peer = connection.userData().get(PEER);
        if (peer == null || peer.closing) {
            return; // a flood goes on arriving until the close reaches the client: one refusal, one log line
        }
        if (tap.enabled()) {
            tap.record(peer.admission.sessionId(), frame);
        }
        if (!peer.budget.take(frame.length(), System.nanoTime())) {
            LOG.infof("Closing %s: rate limit", peer);
            peer.close(CloseCode.RATE_LIMITED);
            return;
        }
        try {
            Inbound in = FrameCodec.decode(frame);
            int max = in.type() == MessageType.DOM_SNAP ? config.maxSnapshotBytes() : config.maxMessageBytes();
            if (frame.length() > max) {
                LOG.infof("Closing %s: %s of %d bytes", peer, in.type().wire(), frame.length());
                peer.close(CloseCode.TOO_LARGE);
                return;
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
            peer.close(CloseCode.BAD_MESSAGE);
        }
    }

    private void renew(ConnectionPeer peer, Inbound in) {
        if (!in.type().mayBeSentBy(peer.admission.participant().role())) {
            LOG.infof("Closing %s: sys.auth from a participant without a staff token", peer);
            peer.close(CloseCode.FORBIDDEN);
            return;
        }
        tokens.renew(peer, in);
    }

    @OnTextMessage
    @NonBlocking
    public void text(WebSocketConnection connection, String text) {
        ConnectionPeer peer = connection.userData().get(PEER);
        if (peer != null && !peer.closing) {
            LOG.infof("Closing %s: text frame (the protocol uses binary frames)", peer);
            peer.close(CloseCode.BAD_MESSAGE);
        }
    }

    @OnClose
    @NonBlocking
    public void close(WebSocketConnection connection, CloseReason reason) {
        ConnectionPeer peer = connection.userData().get(PEER);
        if (peer != null) {
            sockets.closed(peer);
            peer.budget.disconnect();
            tokens.stop(peer);
            peer.room.closed(peer, reason == null ? 0 : reason.getCode());
        }
    }

    @OnError
    @NonBlocking
    public void error(WebSocketConnection connection, Throwable failure) {
        ConnectionPeer peer = connection.userData().get(PEER);
        SocketFailure mistake = SocketFailure.of(failure);
        CloseCode code = CloseCode.BAD_MESSAGE;
        if (failure instanceof io.vertx.core.http.HttpClosedException) {
            LOG.debugf("Relay connection %s closed abruptly", peer); // a browser tab closed: routine
        } else if (mistake != null) {
            // a client's mistake, refused by the transport (a frame over its bound from the header): one short line
            LOG.infof("Closing %s: %s", peer == null ? connection.id() : peer, mistake.what());
            code = mistake.code();
        } else {
            LOG.warnf(failure, "Relay connection %s failed", peer);
        }
        if (peer != null) {
            peer.close(code);
        } else if (!connection.isClosed()) {
            connection.close(new CloseReason(code.code(), code.reason())).subscribe().with(v -> {}, e -> {});
        }
    }
}

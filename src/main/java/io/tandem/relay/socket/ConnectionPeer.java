package io.tandem.relay.socket;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import io.tandem.relay.protocol.CloseCode;
import io.tandem.relay.room.Peer;
import io.tandem.relay.room.RoomPort;
import io.vertx.core.buffer.Buffer;

/** A relay connection: the room's view of one WebSocket, with its participant's budget for what it sends. */
final class ConnectionPeer implements Peer {

    final ServerWebSocket ws;
    /** The upgrade request of a staff connection, whose renewed tokens are verified in its context; else null. */
    final RoutingContext upgrade;
    final Admission admission;
    /** Set once the connection is open: the room here, or the bridge to the node that holds it. */
    volatile RoomPort room;
    /** Shared by every socket of the same participant on this node. */
    final ParticipantBudget budget;
    /** The Vert.x timer that closes this connection when its staff token expires, or -1. */
    volatile long expiryTimer = -1;
    /** Whether the connection has said sys.hello (until then it is under the hello deadline). */
    volatile boolean greeted;
    /** The Vert.x timer of the hello deadline, or -1. */
    volatile long helloTimer = -1;
    /** The staff token the connection was opened or last renewed with; null for customers and stage pages. */
    volatile StaffToken token;
    /** Whether the relay has closed the connection: what the client still sends is neither read nor logged. */
    volatile boolean closing;
    /** When the relay closed it (System.nanoTime()). */
    volatile long closedAt;
    /** Whether the socket is paused because its participant sends faster than its rate (event loop only). */
    boolean held;
    /** Whether the connection has been slowed at least once (logged once). */
    boolean slowed;
    /** Whether the server has stopped reading the connection, which went on sending after its close. */
    boolean deaf;
    /** The HTTP connection the socket was upgraded on (Vert.x Web wraps the socket, hiding its channel). */
    private final HttpConnection connection;

    ConnectionPeer(ServerWebSocket ws, HttpConnection connection, Admission admission, ParticipantBudget budget,
            RoutingContext upgrade) {
        this.ws = ws;
        this.connection = connection;
        this.upgrade = upgrade;
        this.admission = admission;
        this.budget = budget;
        this.token = admission.token();
    }

    @Override
    public void send(Buffer frame, Runnable written) {
        if (ws.isClosed()) {
            written.run();
            return;
        }
        ws.writeBinaryMessage(frame).onComplete(ar -> written.run());
    }

    /**
     * Stops reading the socket (on its event loop): what the client sends stays in the kernel's buffers, not the
     * server's, until the close's timeout ends the TCP connection. The close frame has been sent. Vert.x pauses a
     * connection the same way for its own flow control, and resumes it only when its inbound buffer, never paused
     * here, drains.
     */
    void stopReading() {
        deaf = true;
        if (connection instanceof ConnectionBase base) {
            base.doPause();
        }
    }

    @Override
    public void close(CloseCode code) {
        if (!closing) {
            closedAt = System.nanoTime();
        }
        closing = true;
        if (!ws.isClosed()) {
            ws.close((short) code.code(), code.reason());
        }
    }

    @Override
    public String toString() {
        return admission.participant().id() + "@" + admission.sessionId();
    }
}

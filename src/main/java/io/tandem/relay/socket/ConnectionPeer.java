package io.tandem.relay.socket;

import io.vertx.core.http.ServerWebSocket;
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

    ConnectionPeer(ServerWebSocket ws, Admission admission, ParticipantBudget budget, RoutingContext upgrade) {
        this.ws = ws;
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

    @Override
    public void close(CloseCode code) {
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

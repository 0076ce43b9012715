package io.tandem.signaling;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * A test endpoint with explicit demand that can stop reading: once stopped, Jetty reads nothing more from the socket,
 * so the server's writes to it back up. Public because Jetty invokes listeners through method handles.
 */
public class StallingReader implements Session.Listener {

    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<WebSocketProbe.Close> closed = new CompletableFuture<>();
    private Session session;
    private boolean reading = true;
    private boolean demandOwed;

    @Override
    public synchronized void onWebSocketOpen(Session session) {
        this.session = session;
        session.demand();
    }

    @Override
    public void onWebSocketText(String message) {
        messages.add(message);
        synchronized (this) {
            if (reading) {
                session.demand();
            } else {
                demandOwed = true;
            }
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        closed.complete(new WebSocketProbe.Close(statusCode, reason));
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        closed.completeExceptionally(cause);
    }

    synchronized void stopReading() {
        reading = false;
    }

    synchronized void resumeReading() {
        reading = true;
        if (demandOwed) {
            demandOwed = false;
            session.demand();
        }
    }
}

package io.tandem.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/** A test peer on a signaling socket: send JSON, await the next message (of a type), await the close. */
public final class SignalClient {

    static final Duration WAIT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    final Session session;
    final WebSocketProbe probe;

    SignalClient(Session session, WebSocketProbe probe) {
        this.session = session;
        this.probe = probe;
    }

    /** Sends and waits until the frame is written (the Jetty API allows one outstanding send). */
    public SignalClient send(String json) {
        Callback.Completable sent = new Callback.Completable();
        session.sendText(json, sent);
        sent.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        return this;
    }

    public void sendBinary(byte[] bytes) {
        Callback.Completable sent = new Callback.Completable();
        session.sendBinary(ByteBuffer.wrap(bytes), sent);
        sent.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** The next message, whatever its type; fails after 5 s. */
    public JsonNode next() {
        try {
            String text = probe.messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(text, "no message within " + WAIT);
            return JSON.readTree(text);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    /** The next message, which must be of this type. */
    public JsonNode next(String type) {
        JsonNode message = next();
        assertEquals(type, message.path("type").asText(), () -> "expected " + type + ", got " + message);
        return message;
    }

    public void assertNothingWithin(Duration quiet) throws InterruptedException {
        assertNull(probe.messages.poll(quiet.toMillis(), TimeUnit.MILLISECONDS));
    }

    public WebSocketProbe.Close awaitClose() {
        try {
            return probe.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("no close within " + WAIT, e);
        }
    }

    /** Sends a ping and waits for the pong (skipping nothing: the pong must be the next message). */
    public void roundTrip() {
        send("{\"type\":\"ping\"}");
        next("pong");
    }

    public boolean isOpen() {
        return session.isOpen() && !probe.closed.isDone();
    }

    public void close() {
        session.close();
    }
}

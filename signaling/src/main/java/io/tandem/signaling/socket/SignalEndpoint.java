package io.tandem.signaling.socket;

import io.tandem.signaling.SignalingCloseCode;
import io.tandem.signaling.message.BadMessageException;
import io.tandem.signaling.message.ClientMessage;
import io.tandem.signaling.message.MessageCodec;
import io.tandem.signaling.room.Participant;
import io.tandem.signaling.room.Peer;
import io.tandem.signaling.room.PeerLink;
import io.tandem.signaling.room.Room;
import io.tandem.signaling.room.Rooms;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One peer's signaling socket: assembles text messages (counting bytes as fragments arrive, so an oversized message is
 * refused before it is buffered), decodes them and hands them to the room. Jetty demands the next frame once a
 * callback returns (auto-demand); handling never blocks. Public because Jetty invokes listeners through method handles.
 */
public class SignalEndpoint implements Session.Listener.AutoDemanding, PeerLink {

    private static final System.Logger LOG = System.getLogger(SignalEndpoint.class.getName());

    private final Rooms rooms;
    private final MessageCodec codec;
    private final String sessionId;
    private final Participant participant;
    private final long maxMessageBytes;
    private final long outboundQueueBytes;
    private final MessageBucket bucket;
    private final int messageBurst;
    private final int messagesPerSecond;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final StringBuilder fragments = new StringBuilder();
    private long fragmentBytes;
    private volatile Session session;
    private volatile Outbox outbox;
    private volatile Peer peer;
    private volatile Room room;

    SignalEndpoint(Rooms rooms, MessageCodec codec, String sessionId, Participant participant, long maxMessageBytes,
            long outboundQueueBytes, int messageBurst, int messagesPerSecond) {
        this.rooms = rooms;
        this.codec = codec;
        this.sessionId = sessionId;
        this.participant = participant;
        this.maxMessageBytes = maxMessageBytes;
        this.outboundQueueBytes = outboundQueueBytes;
        this.messageBurst = messageBurst;
        this.messagesPerSecond = messagesPerSecond;
        this.bucket = new MessageBucket(messageBurst, messagesPerSecond, System.nanoTime());
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        this.outbox = new Outbox(session, outboundQueueBytes);
        session.addIdleTimeoutListener(timeout -> {
            // First expiry: say why. If the peer does not even answer the close, the next expiry aborts the connection.
            boolean alreadyClosing = closing.get();
            leaveAndClose(SignalingCloseCode.IDLE, SignalingCloseCode.IDLE.reason());
            return alreadyClosing;
        });
        Peer joining = new Peer(participant, this);
        this.peer = joining;
        Rooms.Admission admission = rooms.join(sessionId, joining);
        if (admission.room() == null) {
            close(admission.refusal());
        } else {
            this.room = admission.room();
        }
    }

    @Override
    public void onWebSocketPartialText(String fragment, boolean last) {
        if (closing.get()) {
            return; // the rest of a refused message, or frames racing our close: read and dropped
        }
        fragmentBytes += Utf8.length(fragment);
        if (fragmentBytes > maxMessageBytes) {
            fragments.setLength(0);
            leaveAndClose(SignalingCloseCode.TOO_LARGE, SignalingCloseCode.TOO_LARGE.reason());
            return;
        }
        if (!last) {
            fragments.append(fragment);
            return;
        }
        String text = fragment;
        if (!fragments.isEmpty()) {
            text = fragments.append(fragment).toString();
            fragments.setLength(0);
            fragments.trimToSize(); // fragmented messages are rare: an idle socket keeps no 64 KiB buffer
        }
        fragmentBytes = 0;
        handle(text);
    }

    @Override
    public void onWebSocketPartialBinary(ByteBuffer payload, boolean last, Callback callback) {
        callback.succeed();
        if (!closing.get()) {
            leaveAndClose(SignalingCloseCode.BAD_MESSAGE, "binary frames are not accepted");
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        closing.set(true);
        leave();
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.log(System.Logger.Level.DEBUG, "Signaling socket of {0} in session {1} failed: {2}", participant.id(),
                sessionId, cause.toString());
        closing.set(true);
        leave();
    }

    @Override
    public boolean send(String text) {
        Outbox out = outbox;
        return out == null || out.offer(text);
    }

    @Override
    public void close(SignalingCloseCode code) {
        close(code, code.reason());
    }

    private void handle(String text) {
        Room joined = room;
        if (joined == null) {
            return; // refused at join and closing
        }
        if (!bucket.take(System.nanoTime())) {
            LOG.log(System.Logger.Level.INFO, "Closing the signaling socket of {0} in session {1}: more than {2}"
                    + " messages at once or {3} a second", participant.id(), sessionId,
                    Integer.toString(messageBurst), Integer.toString(messagesPerSecond));
            leaveAndClose(SignalingCloseCode.RATE_LIMITED, SignalingCloseCode.RATE_LIMITED.reason());
            return;
        }
        ClientMessage message;
        try {
            message = codec.decode(text);
        } catch (BadMessageException e) {
            leaveAndClose(SignalingCloseCode.BAD_MESSAGE, "bad message: " + e.getMessage());
            return;
        }
        try {
            if (!rooms.receive(joined, peer, message)) {
                leaveAndClose(SignalingCloseCode.FORBIDDEN, SignalingCloseCode.FORBIDDEN.reason());
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Signaling failed on a message of " + participant.id() + " in session "
                    + sessionId, e);
            leaveAndClose(SignalingCloseCode.SERVER_ERROR, SignalingCloseCode.SERVER_ERROR.reason());
        }
    }

    private void leaveAndClose(SignalingCloseCode code, String reason) {
        leave();
        close(code, reason);
    }

    private void leave() {
        Room joined = room;
        if (joined != null) {
            rooms.leave(joined, peer);
        }
    }

    private void close(SignalingCloseCode code, String reason) {
        if (closing.compareAndSet(false, true)) {
            Outbox out = outbox;
            if (out != null) {
                out.drop();
            }
            session.close(code.code(), reason, Callback.NOOP);
        }
    }
}

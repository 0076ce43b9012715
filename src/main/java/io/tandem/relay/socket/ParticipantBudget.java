package io.tandem.relay.socket;

import io.tandem.config.RelayConfig;
import io.tandem.relay.protocol.MessageType;

/**
 * What one participant (session and participant id) may send on this node, shared by all of its sockets, so a
 * reconnect does not bring a fresh burst. Messages and bytes are charged, not refused: a participant over its rate is
 * slowed to it (its sockets are not read until its balance is back), and loses nothing. The page's content (dom.snap,
 * dom.mut, dom.nav: kept in the keyframe and replay log, recorded, and the largest frames) has a rate of its own within
 * the message rate. Guarded by itself: two sockets of one participant may be on different event
 * loops, nobody else ever takes this lock, and taking tokens allocates nothing.
 */
final class ParticipantBudget {

    private final TokenBucket messages;
    private final TokenBucket bytes;
    private final TokenBucket page;
    private final TokenBucket connects;
    private int sockets;

    /** The rates and bursts of every participant's budget. */
    record Rates(double messagesPerSecond, double messageBurst, double bytesPerSecond, double byteBurst,
            double connectsPerSecond, double connectBurst, double pageMessagesPerSecond, double pageMessageBurst) {

        static Rates of(RelayConfig config) {
            return new Rates(config.messagesPerSecond(), config.messageBurst(), config.bytesPerSecond(),
                    config.byteBurst(), config.connectsPerMinute() / 60.0, config.connectBurst(),
                    config.pageMessagesPerSecond(), config.pageMessageBurst());
        }
    }

    ParticipantBudget(Rates rates, long nowNanos) {
        this.messages = new TokenBucket(rates.messagesPerSecond(), rates.messageBurst(), nowNanos);
        this.bytes = new TokenBucket(rates.bytesPerSecond(), rates.byteBurst(), nowNanos);
        this.connects = new TokenBucket(rates.connectsPerSecond(), rates.connectBurst(), nowNanos);
        this.page = new TokenBucket(rates.pageMessagesPerSecond(), rates.pageMessageBurst(), nowNanos);
    }

    /**
     * Charges one message of {@code type} and {@code length} bytes, and says how long the participant must wait before
     * it sends again, in nanoseconds (0: it is within its rates).
     */
    synchronized long charge(MessageType type, int length, long nowNanos) {
        long wait = Math.max(messages.charge(1, nowNanos), bytes.charge(length, nowNanos));
        MessageType.Keyframe kept = type.keyframe();
        if (kept == MessageType.Keyframe.SNAPSHOT || kept == MessageType.Keyframe.INCREMENTAL) {
            wait = Math.max(wait, page.charge(1, nowNanos));
        }
        return wait;
    }

    /** A socket of this participant opens; false (and not counted) when it connects faster than its rate. */
    synchronized boolean connect(long nowNanos) {
        if (!connects.take(1, nowNanos)) {
            return false;
        }
        sockets++;
        return true;
    }

    /** How long until this participant may open a socket again (0: now), in nanoseconds. */
    synchronized long connectWait(long nowNanos) {
        return connects.nanosUntil(1, nowNanos);
    }

    /** A socket counted by {@link #connect} closed. */
    synchronized void disconnect() {
        sockets--;
    }

    /** No socket open and every bucket full again: a fresh budget would be the same, so this one may go. */
    synchronized boolean idle(long nowNanos) {
        return sockets == 0 && messages.full(nowNanos) && bytes.full(nowNanos) && connects.full(nowNanos)
                && page.full(nowNanos);
    }
}

package io.tandem.testing;

import io.tandem.relay.protocol.FrameCodec;
import io.tandem.relay.room.Participant;
import io.tandem.relay.room.Room;
import io.tandem.testing.FakePeer.Frame;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * A room under test without a server: connections of participants that send frames as a client would (header line,
 * payload) and read what the room sent them. The room is asked for at every frame, so a test may replace it.
 */
public final class RoomHarness {

    private final Supplier<Room> room;

    public RoomHarness(Supplier<Room> room) {
        this.room = room;
    }

    /** A connection that has not said hello yet. */
    public Conn connect(Participant who) {
        return new Conn(who, new FakePeer(who.id()));
    }

    /** A connection whose writes stay outstanding until the test completes them, after its hello. */
    public Conn joinHolding(Participant who) {
        Conn c = new Conn(who, new FakePeer(who.id()).holdWrites());
        c.hello("e1", 0);
        return c;
    }

    /** A connection that said hello (epoch e1, nothing to resume). */
    public Conn join(Participant who) {
        return join(who, "e1", 0);
    }

    public Conn join(Participant who, String epoch, long resume) {
        Conn c = connect(who);
        c.hello(epoch, resume);
        return c;
    }

    /** One connection of one participant; {@link #reliable(String, String)} numbers its reliable frames itself. */
    public final class Conn {
        public final Participant who;
        public final FakePeer peer;
        private long seq;

        Conn(Participant who, FakePeer peer) {
            this.who = who;
            this.peer = peer;
        }

        public void send(String header, String payload) {
            send(header, payload.getBytes(StandardCharsets.UTF_8));
        }

        public void send(String header, byte[] payload) {
            Buffer frame = Buffer.buffer(header + "\n").appendBytes(payload);
            room.get().receive(peer, who, FrameCodec.decode(frame));
        }

        /** A reliable frame with the given sequence number. */
        public void reliable(String type, long s, String payload) {
            seq = Math.max(seq, s);
            send("{\"t\":\"" + type + "\",\"s\":" + s + "}", payload);
        }

        /** A reliable frame numbered after the last one this connection sent. */
        public void reliable(String type, String payload) {
            reliable(type, seq + 1, payload);
        }

        /** The next sequence number, for a reliable frame the test writes itself. */
        public long nextSeq() {
            return ++seq;
        }

        public void hello(String epoch, long resume) {
            send("{\"t\":\"sys.hello\"}", "{\"epoch\":\"" + epoch + "\",\"resume\":" + resume + "}");
        }

        /** Frames sent to this connection since the last take. */
        public List<Frame> take() {
            return peer.take();
        }

        /** Frames of one type sent since the last take (the others are taken too). */
        public List<Frame> take(String type) {
            return peer.take().stream().filter(f -> f.type().equals(type)).toList();
        }

        public List<String> types() {
            return peer.takeTypes();
        }

        public void closed() {
            room.get().closed(peer);
        }
    }
}

package io.tandem.relay.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.relay.protocol.CloseCode;
import io.tandem.relay.protocol.FrameCodec;
import io.tandem.relay.protocol.Role;
import io.tandem.testing.FakePeer;
import io.tandem.testing.MutableClock;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** When a room may be dropped, and what happens to connections that still hold a dropped one. */
class RoomLifetimeTest {

    private static final RoomLimits LIMITS = new RoomLimits(1 << 20, Duration.ofSeconds(20), 1 << 20, 1 << 20,
            Duration.ofSeconds(30), Duration.ofSeconds(30));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));

    @Test
    void aRoomWhoseFirstConnectionHasNotSaidHelloYetIsNotAbandoned() {
        Room room = new Room(UUID.randomUUID(), LIMITS, clock);
        assertFalse(room.isAbandoned(), "a connection may be between open and hello");
        clock.advance(Duration.ofSeconds(31));
        assertTrue(room.isAbandoned(), "nobody came within the grace");
    }

    @Test
    void aRetiredRoomSendsLateConnectionsToReconnect() {
        Room room = new Room(UUID.randomUUID(), LIMITS, clock);
        room.retire();
        FakePeer peer = new FakePeer("late");
        room.receive(peer, new Participant("customer", Role.CUSTOMER, "C"),
                FrameCodec.decode(Buffer.buffer("{\"t\":\"sys.hello\"}\n{\"epoch\":\"e\"}")));
        assertEquals(List.of(CloseCode.GOING_AWAY), peer.closes);
    }
}

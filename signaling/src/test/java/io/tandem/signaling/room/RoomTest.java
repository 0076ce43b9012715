package io.tandem.signaling.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.signaling.SignalingCloseCode;
import io.tandem.signaling.message.ClientMessage;
import io.tandem.signaling.message.MessageCodec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The room as plain Java: capacity, replacement, visibility, relaying and slow-consumer eviction. */
class RoomTest {

    /** A link that records what it is sent and how it is closed; it can play a full queue. */
    static class FakeLink implements PeerLink {
        final List<String> sent = new ArrayList<>();
        SignalingCloseCode closed;
        boolean full;
        /** Run on close, as Jetty may report a close to the endpoint (which leaves the room) on the closing thread. */
        Runnable onClose = () -> {};

        @Override
        public boolean send(String text) {
            if (full) {
                return false;
            }
            sent.add(text);
            return true;
        }

        @Override
        public void close(SignalingCloseCode code) {
            if (closed == null) {
                closed = code;
                onClose.run();
            }
        }

        String last() {
            return sent.get(sent.size() - 1);
        }
    }

    private final Rooms rooms = new Rooms(new MessageCodec());

    @Test
    void firstJoinMakesTheRoomAndTheLastLeaveDropsIt() {
        FakeLink link = new FakeLink();
        Peer advisor = peer("a", Role.ADVISOR, link);

        Room room = rooms.join("s", advisor).room();

        assertEquals(1, rooms.size());
        assertEquals("{\"type\":\"welcome\",\"peerId\":\"a\",\"role\":\"advisor\",\"polite\":false,\"peers\":[]}",
                link.last());
        rooms.leave(room, advisor);
        assertEquals(0, rooms.size());
        assertTrue(room.retired());

        Room again = rooms.join("s", peer("a", Role.ADVISOR, new FakeLink())).room();
        assertFalse(again == room, "a retired room is never reused");
    }

    @Test
    void upToFourMediaPeersWithOneCustomerAtMostAndAnyNumberOfSupervisors() {
        for (String id : List.of("a", "b", "c")) {
            assertNull(rooms.join("s", peer(id, Role.ADVISOR, new FakeLink())).refusal(), id);
        }
        assertNull(rooms.join("s", peer("customer", Role.CUSTOMER, new FakeLink())).refusal());

        FakeLink fifth = new FakeLink();
        assertEquals(SignalingCloseCode.ROOM_FULL, rooms.join("s", peer("d", Role.ADVISOR, fifth)).refusal());
        assertTrue(fifth.sent.isEmpty(), "no welcome for a refused peer");
        assertEquals(SignalingCloseCode.ROOM_FULL, rooms.join("s", peer("c2", Role.CUSTOMER, new FakeLink()))
                .refusal());
        for (int i = 0; i < 20; i++) {
            assertNull(rooms.join("s", peer("sup" + i, Role.SUPERVISOR, new FakeLink())).refusal());
        }
    }

    @Test
    void aSecondCustomerIsRefusedEvenWithRoomToSpare() {
        FakeLink advisor = new FakeLink();
        rooms.join("s", peer("a", Role.ADVISOR, advisor));
        rooms.join("s", peer("customer", Role.CUSTOMER, new FakeLink()));
        int before = advisor.sent.size();

        assertEquals(SignalingCloseCode.ROOM_FULL, rooms.join("s", peer("customer-2", Role.CUSTOMER,
                new FakeLink())).refusal());

        assertEquals(before, advisor.sent.size(), "nobody hears of a refused peer");
    }

    @Test
    void theNumberOfMediaPeersIsConfigurable() {
        Rooms pairs = new Rooms(new MessageCodec(), CallListener.NONE, new EndedSessions(), 2);
        pairs.join("s", peer("a", Role.ADVISOR, new FakeLink()));
        pairs.join("s", peer("b", Role.ADVISOR, new FakeLink()));

        assertEquals(SignalingCloseCode.ROOM_FULL, pairs.join("s", peer("customer", Role.CUSTOMER, new FakeLink()))
                .refusal());
        assertNull(pairs.join("s", peer("sup", Role.SUPERVISOR, new FakeLink())).refusal());
    }

    @Test
    void replacingOnesOwnSocketStillWorksInAFullRoom() {
        FakeLink a = new FakeLink();
        FakeLink first = new FakeLink();
        rooms.join("s", peer("a", Role.ADVISOR, a));
        rooms.join("s", peer("b", Role.ADVISOR, first));
        rooms.join("s", peer("c", Role.ADVISOR, new FakeLink()));
        rooms.join("s", peer("customer", Role.CUSTOMER, new FakeLink()));

        FakeLink second = new FakeLink();
        Room room = rooms.join("s", peer("b", Role.ADVISOR, second)).room();

        assertSame(SignalingCloseCode.REPLACED, first.closed);
        assertEquals(4, room.size());
        assertTrue(second.last().startsWith("{\"type\":\"welcome\",\"peerId\":\"b\""), second.last());
        assertEquals(3, count(second.last(), "\"name\""), "the welcome lists the three others: " + second.last());
        List<String> tail = a.sent.subList(a.sent.size() - 2, a.sent.size());
        assertEquals("{\"type\":\"peer-left\",\"peerId\":\"b\"}", tail.get(0));
        assertTrue(tail.get(1).startsWith("{\"type\":\"peer-joined\",\"peerId\":\"b\""), tail.get(1));
        // the customer's socket is replaced too, beside three advisors
        FakeLink customerAgain = new FakeLink();
        assertNull(rooms.join("s", peer("customer", Role.CUSTOMER, customerAgain)).refusal());
        assertTrue(customerAgain.last().startsWith("{\"type\":\"welcome\""), customerAgain.last());
    }

    @Test
    void offersAnswersAndCandidatesReachOnlyThePeerTheyNameWithTheSenderAsFrom() {
        FakeLink a = new FakeLink();
        FakeLink b = new FakeLink();
        FakeLink c = new FakeLink();
        FakeLink customer = new FakeLink();
        FakeLink supervisor = new FakeLink();
        Peer sender = peer("a", Role.ADVISOR, a);
        Room room = rooms.join("s", sender).room();
        rooms.join("s", peer("b", Role.ADVISOR, b));
        rooms.join("s", peer("c", Role.ADVISOR, c));
        rooms.join("s", peer("customer", Role.CUSTOMER, customer));
        rooms.join("s", peer("sup", Role.SUPERVISOR, supervisor));
        List<Integer> before = List.of(a.sent.size(), b.sent.size(), c.sent.size(), customer.sent.size(),
                supervisor.sent.size());

        rooms.receive(room, sender, new ClientMessage.Candidate("b", new ClientMessage.IceCandidate("cand 1", "0", 0,
                null)));
        rooms.receive(room, sender, new ClientMessage.Offer("customer", "v=0 for the customer"));
        rooms.receive(room, sender, new ClientMessage.Answer("c", "v=0 for c"));

        assertEquals(before.get(1) + 1, b.sent.size());
        assertEquals("{\"type\":\"candidate\",\"from\":\"a\",\"candidate\":{\"candidate\":\"cand 1\","
                + "\"sdpMid\":\"0\",\"sdpMLineIndex\":0,\"usernameFragment\":null}}", b.last());
        assertEquals(before.get(3) + 1, customer.sent.size());
        assertEquals("{\"type\":\"offer\",\"from\":\"a\",\"sdp\":\"v=0 for the customer\"}", customer.last());
        assertEquals(before.get(2) + 1, c.sent.size());
        assertEquals("{\"type\":\"answer\",\"from\":\"a\",\"sdp\":\"v=0 for c\"}", c.last());
        assertEquals(before.get(0), a.sent.size(), "nothing back to the sender");
        assertEquals(before.get(4), supervisor.sent.size(), "observers get no SDP or ICE");
    }

    @Test
    void aMessageForNoMediaPeerHereIsDroppedQuietly() {
        FakeLink a = new FakeLink();
        FakeLink customer = new FakeLink();
        FakeLink supervisor = new FakeLink();
        Peer sender = peer("a", Role.ADVISOR, a);
        Room room = rooms.join("s", sender).room();
        Peer gone = peer("b", Role.ADVISOR, new FakeLink());
        rooms.join("s", gone);
        rooms.join("s", peer("customer", Role.CUSTOMER, customer));
        rooms.join("s", peer("sup", Role.SUPERVISOR, supervisor));
        rooms.leave(room, gone);
        List<Integer> before = List.of(a.sent.size(), customer.sent.size(), supervisor.sent.size());

        // b left a moment ago (its peer-left raced this candidate), an id never here, the sender, an observer
        for (String to : List.of("b", "nobody", "a", "sup")) {
            assertTrue(rooms.receive(room, sender, new ClientMessage.Candidate(to, null)), to);
            assertTrue(rooms.receive(room, sender, new ClientMessage.Offer(to, "v=0")), to);
        }

        assertEquals(before, List.of(a.sent.size(), customer.sent.size(), supervisor.sent.size()));
        assertNull(a.closed);
        assertEquals(3, room.size());
    }

    @Test
    void theSameParticipantReplacesItsOlderConnectionAndOthersSeeLeftThenJoined() {
        FakeLink advisor = new FakeLink();
        FakeLink first = new FakeLink();
        FakeLink second = new FakeLink();
        rooms.join("s", peer("a", Role.ADVISOR, advisor));
        rooms.join("s", peer("customer", Role.CUSTOMER, first));

        Room room = rooms.join("s", peer("customer", Role.CUSTOMER, second)).room();

        assertEquals(SignalingCloseCode.REPLACED, first.closed);
        assertEquals(2, room.size());
        List<String> tail = advisor.sent.subList(advisor.sent.size() - 2, advisor.sent.size());
        assertEquals("{\"type\":\"peer-left\",\"peerId\":\"customer\"}", tail.get(0));
        assertTrue(tail.get(1).startsWith("{\"type\":\"peer-joined\",\"peerId\":\"customer\""), tail.get(1));
    }

    @Test
    void lateMessagesOfAReplacedConnectionGoNowhere() {
        FakeLink advisor = new FakeLink();
        rooms.join("s", peer("a", Role.ADVISOR, advisor));
        Peer old = peer("customer", Role.CUSTOMER, new FakeLink());
        Room room = rooms.join("s", old).room();
        rooms.join("s", peer("customer", Role.CUSTOMER, new FakeLink()));
        int before = advisor.sent.size();

        assertTrue(rooms.receive(room, old, new ClientMessage.Offer("a", "stale")));

        assertEquals(before, advisor.sent.size());
    }

    @Test
    void supervisorsAreInvisibleToTheCustomerOnly() {
        FakeLink advisor = new FakeLink();
        FakeLink customer = new FakeLink();
        rooms.join("s", peer("a", Role.ADVISOR, advisor));
        rooms.join("s", peer("customer", Role.CUSTOMER, customer));
        int customerBefore = customer.sent.size();

        Peer supervisor = peer("sup", Role.SUPERVISOR, new FakeLink());
        Room room = rooms.join("s", supervisor).room();
        rooms.leave(room, supervisor);

        assertEquals(customerBefore, customer.sent.size());
        assertTrue(advisor.sent.get(advisor.sent.size() - 2).contains("\"peerId\":\"sup\""));
        assertEquals("{\"type\":\"peer-left\",\"peerId\":\"sup\"}", advisor.last());
    }

    @Test
    void supervisorsMayOnlyPing() {
        FakeLink link = new FakeLink();
        Peer supervisor = peer("sup", Role.SUPERVISOR, link);
        Room room = rooms.join("s", supervisor).room();

        assertTrue(rooms.receive(room, supervisor, new ClientMessage.Ping()));
        assertEquals("{\"type\":\"pong\"}", link.last());
        assertFalse(rooms.receive(room, supervisor, new ClientMessage.Offer("a", "v=0")));
        assertFalse(rooms.receive(room, supervisor, new ClientMessage.Answer("a", "v=0")));
        assertFalse(rooms.receive(room, supervisor, new ClientMessage.Candidate("a", null)));
        assertFalse(rooms.receive(room, supervisor, new ClientMessage.Mute(true, true)));
        assertFalse(rooms.receive(room, supervisor, new ClientMessage.Hangup()));
    }

    @Test
    void aRecipientWithAFullQueueIsEvictedAsSlowConsumerAndTheSenderStays() {
        FakeLink advisor = new FakeLink();
        FakeLink customer = new FakeLink();
        FakeLink supervisor = new FakeLink();
        Peer sender = peer("a", Role.ADVISOR, advisor);
        Room room = rooms.join("s", sender).room();
        rooms.join("s", peer("customer", Role.CUSTOMER, customer));
        rooms.join("s", peer("sup", Role.SUPERVISOR, supervisor));
        customer.full = true;

        assertTrue(rooms.receive(room, sender, new ClientMessage.Offer("customer", "v=0")));

        assertEquals(SignalingCloseCode.SLOW_CONSUMER, customer.closed);
        assertEquals("{\"type\":\"peer-left\",\"peerId\":\"customer\"}", advisor.last());
        assertEquals("{\"type\":\"peer-left\",\"peerId\":\"customer\"}", supervisor.last());
        assertNull(advisor.closed);
        assertEquals(2, room.size());
    }

    @Test
    void aSenderEvictedByItsOwnPongEmptiesAndRetiresTheRoom() {
        FakeLink link = new FakeLink();
        Peer advisor = peer("a", Role.ADVISOR, link);
        Room room = rooms.join("s", advisor).room();
        link.full = true;

        rooms.receive(room, advisor, new ClientMessage.Ping());

        assertEquals(SignalingCloseCode.SLOW_CONSUMER, link.closed);
        assertEquals(0, rooms.size());
    }

    @Test
    void closeAllClosesEveryPeerAndRefusesLaterJoins() {
        FakeLink a = new FakeLink();
        FakeLink b = new FakeLink();
        rooms.join("s1", peer("a", Role.ADVISOR, a));
        rooms.join("s2", peer("b", Role.ADVISOR, b));

        rooms.closeAll(SignalingCloseCode.GOING_AWAY);

        assertSame(SignalingCloseCode.GOING_AWAY, a.closed);
        assertSame(SignalingCloseCode.GOING_AWAY, b.closed);
        assertEquals(0, rooms.size());
        assertEquals(SignalingCloseCode.GOING_AWAY, rooms.join("s1", peer("c", Role.CUSTOMER, new FakeLink()))
                .refusal());
    }

    @Test
    void closesThatCallBackIntoTheRoomFindItConsistent() {
        FakeLink advisorLink = new FakeLink();
        Peer advisor = peer("a", Role.ADVISOR, advisorLink);
        Room room = rooms.join("s", advisor).room();
        advisorLink.onClose = () -> rooms.leave(room, advisor);

        // Replacing the only peer: its close leaves the room before the new connection is in; the room must live on.
        FakeLink againLink = new FakeLink();
        Peer again = peer("a", Role.ADVISOR, againLink);
        assertSame(room, rooms.join("s", again).room());
        assertEquals(SignalingCloseCode.REPLACED, advisorLink.closed);
        assertFalse(room.retired());
        assertEquals(1, rooms.size());
        FakeLink customerLink = new FakeLink();
        Peer customer = peer("customer", Role.CUSTOMER, customerLink);
        assertSame(room, rooms.join("s", customer).room());
        assertTrue(customerLink.sent.get(0).contains("\"peerId\":\"a\""), "the customer meets the new connection");

        // A slow consumer's close and a server stop, both calling back.
        customerLink.onClose = () -> rooms.leave(room, customer);
        againLink.onClose = () -> rooms.leave(room, again);
        customerLink.full = true;
        rooms.receive(room, again, new ClientMessage.Offer("customer", "v=0"));
        assertEquals(SignalingCloseCode.SLOW_CONSUMER, customerLink.closed);
        rooms.closeAll(SignalingCloseCode.GOING_AWAY);
        assertEquals(SignalingCloseCode.GOING_AWAY, againLink.closed);
        assertTrue(room.retired());
        assertEquals(0, rooms.size());
    }

    /** Calls measured on a clock the test turns (seconds), each end as "session:seconds". */
    private static final class CallClock {
        final List<String> ended = new ArrayList<>();
        long nanos = 1_000;
        final Rooms rooms = new Rooms(new MessageCodec(), (session, length) -> ended.add(session + ":" + length
                .toSeconds()), new EndedSessions(), () -> nanos);

        void advance(long seconds) {
            nanos += java.time.Duration.ofSeconds(seconds).toNanos();
        }
    }

    @Test
    void aCallLastsFromTheAnswerUntilAHangUpAndIsReportedOnce() {
        CallClock c = new CallClock();
        Peer advisor = peer("a", Role.ADVISOR, new FakeLink());
        Peer customer = peer("customer", Role.CUSTOMER, new FakeLink());
        Room room = c.rooms.join("s", advisor).room();
        c.rooms.join("s", customer);
        c.rooms.receive(room, advisor, new ClientMessage.Offer("customer", "o"));
        c.rooms.receive(room, advisor, new ClientMessage.Hangup());
        assertEquals(List.of(), c.ended, "no answer, no call");

        c.advance(5);
        c.rooms.receive(room, advisor, new ClientMessage.Offer("customer", "o"));
        c.rooms.receive(room, customer, new ClientMessage.Answer("a", "a"));
        c.advance(40);
        c.rooms.receive(room, customer, new ClientMessage.Answer("a", "renegotiated")); // the same call goes on
        c.advance(20);
        c.rooms.receive(room, advisor, new ClientMessage.Hangup());
        c.rooms.receive(room, customer, new ClientMessage.Hangup());
        c.rooms.leave(room, customer);
        c.rooms.leave(room, advisor);
        assertEquals(List.of("s:60"), c.ended, "from the answer to the hang-up, once");
    }

    @Test
    void reloadsAndDroppedSocketsDoNotCutTheCallShort() {
        CallClock c = new CallClock();
        Peer advisor = peer("a", Role.ADVISOR, new FakeLink());
        Room room = c.rooms.join("s", advisor).room();
        Peer customer = peer("customer", Role.CUSTOMER, new FakeLink());
        c.rooms.join("s", customer);
        c.rooms.receive(room, customer, new ClientMessage.Answer("a", "a"));
        c.advance(100);

        // the customer's page navigates: a new socket replaces the old one
        Peer next = peer("customer", Role.CUSTOMER, new FakeLink());
        assertSame(room, c.rooms.join("s", next).room());
        c.advance(100);
        // its socket drops and it is back 3 s later
        c.rooms.leave(room, next);
        c.advance(3);
        Peer again = peer("customer", Role.CUSTOMER, new FakeLink());
        c.rooms.join("s", again);
        c.advance(97);
        assertEquals(List.of(), c.ended, "the call is still on");

        // the customer goes for good; the advisor hangs up a minute later: the call ended when the customer left
        c.rooms.leave(room, again);
        c.advance(60);
        c.rooms.receive(room, advisor, new ClientMessage.Hangup());
        c.rooms.leave(room, advisor);
        assertEquals(List.of("s:300"), c.ended);
    }

    @Test
    void aReturnAfterTheGraceStartsANewCallAndTheOldOneEndsWhenThePeerLeft() {
        CallClock c = new CallClock();
        Peer advisor = peer("a", Role.ADVISOR, new FakeLink());
        Room room = c.rooms.join("s", advisor).room();
        Peer customer = peer("customer", Role.CUSTOMER, new FakeLink());
        c.rooms.join("s", customer);
        c.rooms.receive(room, advisor, new ClientMessage.Answer("customer", "a"));
        c.advance(50);
        c.rooms.leave(room, customer);
        c.advance(Room.RETURN_WITHIN.toSeconds() + 1);
        Peer back = peer("customer", Role.CUSTOMER, new FakeLink());
        c.rooms.join("s", back);
        assertEquals(List.of("s:50"), c.ended);

        c.rooms.receive(room, back, new ClientMessage.Answer("a", "a"));
        c.advance(7);
        c.rooms.leave(room, back);
        c.advance(2);
        c.rooms.leave(room, advisor); // both gone: the room retires and the second call is reported
        assertEquals(List.of("s:50", "s:7"), c.ended);
    }

    @Test
    void aThreeWayCallGoesOnWhileTwoAreInItAndEndsWhenOneIsLeft() {
        CallClock c = new CallClock();
        Peer advisor = peer("a", Role.ADVISOR, new FakeLink());
        Room room = c.rooms.join("s", advisor).room();
        Peer second = peer("b", Role.ADVISOR, new FakeLink());
        Peer customer = peer("customer", Role.CUSTOMER, new FakeLink());
        c.rooms.join("s", second);
        c.rooms.join("s", customer);
        c.rooms.receive(room, customer, new ClientMessage.Answer("a", "a"));
        c.rooms.receive(room, customer, new ClientMessage.Answer("b", "b")); // the same call
        c.advance(10);

        c.rooms.receive(room, second, new ClientMessage.Hangup()); // b leaves the call; a and the customer talk on
        c.rooms.leave(room, second);
        c.advance(20);
        assertEquals(List.of(), c.ended, "two are still in the call");

        c.rooms.leave(room, customer); // one left: the call is over unless someone is back within 30 s
        c.advance(Room.RETURN_WITHIN.toSeconds() + 5);
        c.rooms.receive(room, advisor, new ClientMessage.Hangup());
        assertEquals(List.of("s:30"), c.ended, "from the first answer until only one was left");
    }

    @Test
    void aHangUpEndsTheCallOnlyWhenFewerThanTwoAreLeftInIt() {
        CallClock c = new CallClock();
        Peer advisor = peer("a", Role.ADVISOR, new FakeLink());
        Room room = c.rooms.join("s", advisor).room();
        Peer second = peer("b", Role.ADVISOR, new FakeLink());
        Peer customer = peer("customer", Role.CUSTOMER, new FakeLink());
        c.rooms.join("s", second);
        c.rooms.join("s", customer);
        c.rooms.receive(room, second, new ClientMessage.Answer("a", "a"));
        c.advance(8);
        c.rooms.receive(room, advisor, new ClientMessage.Hangup()); // still connected, out of the call
        c.advance(4);
        assertEquals(List.of(), c.ended);

        c.rooms.receive(room, customer, new ClientMessage.Hangup());
        assertEquals(List.of("s:12"), c.ended);
        // a and b negotiate again: a new call, which ends when b leaves and a is alone
        c.rooms.receive(room, advisor, new ClientMessage.Offer("b", "o"));
        c.rooms.receive(room, second, new ClientMessage.Answer("a", "a"));
        c.advance(3);
        c.rooms.leave(room, second);
        c.rooms.leave(room, customer);
        c.rooms.leave(room, advisor);
        assertEquals(List.of("s:12", "s:3"), c.ended);
    }

    @Test
    void aSessionEndOrAServerStopEndsTheCallOnce() {
        CallClock c = new CallClock();
        FakeLink advisorLink = new FakeLink();
        Peer advisor = peer("a", Role.ADVISOR, advisorLink);
        Room room = c.rooms.join("s", advisor).room();
        Peer customer = peer("customer", Role.CUSTOMER, new FakeLink());
        c.rooms.join("s", customer);
        advisorLink.onClose = () -> c.rooms.leave(room, advisor); // as Jetty reports the close back
        c.rooms.receive(room, customer, new ClientMessage.Answer("a", "a"));
        c.advance(12);

        c.rooms.end("s");
        c.rooms.leave(room, customer);
        c.rooms.closeAll(SignalingCloseCode.GOING_AWAY);
        assertEquals(List.of("s:12"), c.ended);
    }

    @Test
    void aCallIsReportedStartedAtItsFirstAnswerOnceAndThenEnded() {
        List<String> told = new ArrayList<>();
        Rooms counted = new Rooms(new MessageCodec(), new CallListener() {
            @Override
            public void callStarted(String sessionId) {
                told.add("started " + sessionId);
            }

            @Override
            public void callEnded(String sessionId, java.time.Duration length) {
                told.add("ended " + sessionId);
            }
        });
        Peer advisor = peer("a", Role.ADVISOR, new FakeLink());
        Peer customer = peer("customer", Role.CUSTOMER, new FakeLink());
        Room room = counted.join("s", advisor).room();
        counted.join("s", customer);
        counted.receive(room, advisor, new ClientMessage.Offer("customer", "o"));
        assertEquals(List.of(), told, "an offer alone starts no call");
        counted.receive(room, customer, new ClientMessage.Answer("a", "a"));
        counted.receive(room, customer, new ClientMessage.Answer("a", "renegotiated"));
        counted.receive(room, advisor, new ClientMessage.Hangup());
        assertEquals(List.of("started s", "ended s"), told);
    }

    @Test
    void endingASessionClosesItsPeersWith4409AndKeepsItsRoomShut() {
        FakeLink advisor = new FakeLink();
        FakeLink supervisor = new FakeLink();
        FakeLink other = new FakeLink();
        rooms.join("s", peer("a", Role.ADVISOR, advisor));
        rooms.join("s", peer("sup", Role.SUPERVISOR, supervisor));
        rooms.join("t", peer("a", Role.ADVISOR, other));

        rooms.end("s");

        assertEquals(SignalingCloseCode.SESSION_ENDED, advisor.closed);
        assertEquals(SignalingCloseCode.SESSION_ENDED, supervisor.closed);
        assertNull(other.closed, "another session is untouched");
        assertEquals(1, rooms.size());
        assertTrue(rooms.ended("s"));
        FakeLink late = new FakeLink();
        assertEquals(SignalingCloseCode.SESSION_ENDED, rooms.join("s", peer("customer", Role.CUSTOMER, late))
                .refusal());
        assertTrue(late.sent.isEmpty(), "no welcome");
        assertEquals(1, rooms.size());
    }

    @Test
    void aSupervisorWhoStepsOutLosesTheCallAndTheirMediaTokensUntilTheyStepInAgain() {
        FakeLink advisor = new FakeLink();
        FakeLink customer = new FakeLink();
        FakeLink stepped = new FakeLink();
        FakeLink elsewhere = new FakeLink();
        rooms.join("s", peer("a", Role.ADVISOR, advisor));
        rooms.join("s", peer("customer", Role.CUSTOMER, customer));
        rooms.join("s", peer("sup", Role.ADVISOR, stepped)); // stepped in: a participant like an advisor
        rooms.join("t", peer("sup", Role.ADVISOR, elsewhere));

        rooms.seatEnded("s", "sup");

        assertEquals(SignalingCloseCode.FORBIDDEN, stepped.closed);
        assertEquals("{\"type\":\"peer-left\",\"peerId\":\"sup\"}", advisor.last());
        assertEquals("{\"type\":\"peer-left\",\"peerId\":\"sup\"}", customer.last());
        assertNull(advisor.closed, "the others stay in the call");
        assertNull(elsewhere.closed, "their place in another session is untouched");

        FakeLink again = new FakeLink();
        assertEquals(SignalingCloseCode.FORBIDDEN, rooms.join("s", peer("sup", Role.ADVISOR, again)).refusal(),
                "the token minted while they took part is refused");
        assertTrue(again.sent.isEmpty(), "no welcome");
        FakeLink watching = new FakeLink();
        assertNull(rooms.join("s", peer("sup", Role.SUPERVISOR, watching)).refusal(), "watching silently goes on");
        assertTrue(watching.last().startsWith("{\"type\":\"welcome\""), watching.last());

        rooms.seatStarted("s", "sup");
        FakeLink back = new FakeLink();
        assertNull(rooms.join("s", peer("sup", Role.ADVISOR, back)).refusal(), "stepped in again");
        assertEquals(SignalingCloseCode.REPLACED, watching.closed, "the same person, one connection");
    }

    @Test
    void aJoinRacingTheEndIsShutToo() {
        EndedSessions ended = new EndedSessions();
        Rooms racing = new Rooms(new MessageCodec(), CallListener.NONE, ended);
        FakeLink link = new FakeLink() {
            @Override
            public boolean send(String text) {
                // the end arrives while this peer is being welcomed, after end() found no room to close
                ended.end("s");
                return super.send(text);
            }
        };

        Rooms.Admission admission = racing.join("s", peer("a", Role.ADVISOR, link));

        assertNull(admission.room());
        assertEquals(SignalingCloseCode.SESSION_ENDED, admission.refusal());
        assertEquals(SignalingCloseCode.SESSION_ENDED, link.closed);
        assertEquals(0, racing.size());
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static Peer peer(String id, Role role, PeerLink link) {
        return new Peer(new Participant(id, role, "Name " + id), link);
    }
}

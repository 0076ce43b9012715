package io.tandem.staff.logout;

import io.tandem.config.TandemConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Staff sign-outs the identity provider reported, remembered for as long as a token issued before them could still
 * be valid. A token of a signed-out session (or subject) is refused from then on; an event tells live connections.
 * In memory, per node: bounded in size, entries are dropped once older than {@code tandem.staff.sign-out-memory}
 * (longer than any access token lives).
 */
@ApplicationScoped
public class SignOuts {

    static final int MAX_ENTRIES = 100_000;

    private final Map<String, Instant> sessions = new ConcurrentHashMap<>();
    private final Map<String, Instant> subjects = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration memory;
    private final Event<SignOut> events;
    private volatile Instant lastPurge = Instant.EPOCH;

    public SignOuts(Event<SignOut> events, TandemConfig config) {
        this.clock = Clock.systemUTC(); // compared with token claims, which are real time
        this.events = events;
        this.memory = config.staff().signOutMemory();
    }

    /** Records a sign-out and tells whoever holds a connection of it. */
    public void record(SignOut signOut) {
        Instant now = clock.instant();
        if (sessions.size() + subjects.size() >= MAX_ENTRIES || lastPurge.plus(memory).isBefore(now)) {
            purge(now);
        }
        if (signOut.sid() != null) {
            sessions.put(signOut.sid(), now);
        } else {
            subjects.merge(signOut.subject(), signOut.at(), (a, b) -> a.isAfter(b) ? a : b);
        }
        events.fire(signOut);
    }

    /** Whether this token belongs to a signed-out session or subject. */
    public boolean isSignedOut(JsonWebToken token) {
        if (sessions.isEmpty() && subjects.isEmpty()) {
            return false;
        }
        Object sid = token.getClaim("sid");
        if (sid != null && sessions.containsKey(sid.toString())) {
            return true;
        }
        Instant before = token.getSubject() == null ? null : subjects.get(token.getSubject());
        return before != null && token.getIssuedAtTime() <= before.getEpochSecond();
    }

    /** Whether a sign-out applies to a connection opened with a token of this session, subject and issue time. */
    public static boolean covers(SignOut signOut, String sid, String subject, long issuedAt) {
        if (signOut.sid() != null) {
            return signOut.sid().equals(sid);
        }
        return signOut.subject() != null && signOut.subject().equals(subject)
                && issuedAt <= signOut.at().getEpochSecond();
    }

    private void purge(Instant now) {
        lastPurge = now;
        Instant cutoff = now.minus(memory);
        sessions.values().removeIf(at -> at.isBefore(cutoff));
        subjects.values().removeIf(at -> at.isBefore(cutoff));
        if (sessions.size() + subjects.size() >= MAX_ENTRIES) {
            sessions.clear(); // still full of fresh entries: a flood; forgetting beats growing without bound
            subjects.clear();
        }
    }
}

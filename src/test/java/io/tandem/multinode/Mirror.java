package io.tandem.multinode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.testing.RelayClient.Frame;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a viewer's mirror shows after applying frames as the console does: {@code sys.reset} discards it, a
 * {@code dom.snap} replaces it, a {@code dom.mut} must be the next change. A change out of order (a gap, a duplicate,
 * a change before any snapshot) breaks the mirror until the next snapshot repairs it, as it would break rrweb's.
 */
final class Mirror {

    private static final ObjectMapper JSON = new ObjectMapper();

    private List<Integer> shown;
    private final List<String> problems = new ArrayList<>();
    private boolean broken;

    /** Waits until {@code viewer}'s mirror shows the customer's {@code page} as it is now. */
    static void awaitShows(TabClient viewer, Page page, java.time.Duration timeout) {
        try {
            viewer.awaitFrames(frames -> page.changes().equals(Mirror.of(frames).shown()),
                    "a mirror equal to the customer's page", timeout);
        } catch (AssertionError e) {
            throw new AssertionError(viewer.name + "'s mirror: " + Mirror.of(viewer.received()) + "; the page: "
                    + page.changes().size() + " changes; failed reconnects: " + viewer.reconnectFailures(), e);
        }
    }

    /** The mirror after applying {@code frames} in order. */
    static Mirror of(List<Frame> frames) {
        Mirror m = new Mirror();
        frames.forEach(m::apply);
        return m;
    }

    private void apply(Frame f) {
        switch (f.type()) {
            case "sys.reset" -> {
                shown = null;
                broken = false;
            }
            case "dom.snap" -> {
                shown = new ArrayList<>();
                json(f).path("changes").forEach(c -> shown.add(c.asInt()));
                broken = false;
            }
            case "dom.mut" -> {
                int m = json(f).path("m").asInt();
                if (shown == null) {
                    problems.add("change " + m + " (n " + f.n() + ") before any snapshot");
                    broken = true;
                } else if (!broken && m != shown.size() + 1) {
                    problems.add("change " + m + " (n " + f.n() + ") after change " + shown.size());
                    broken = true;
                } else if (!broken) {
                    shown.add(m);
                }
            }
            default -> {
                // not part of the page
            }
        }
    }

    private static JsonNode json(Frame f) {
        try {
            return JSON.readTree(f.payload());
        } catch (IOException e) {
            throw new AssertionError("unreadable " + f.type() + " payload: " + f.text(), e);
        }
    }

    /** The changes the mirror shows, or null when it shows nothing (no snapshot, or broken since the last one). */
    List<Integer> shown() {
        return shown == null || broken ? null : List.copyOf(shown);
    }

    /** Changes that arrived out of order, in the order they arrived. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public String toString() {
        return (broken ? "broken, last good " : "") + (shown == null ? "nothing" : "changes 1.." + shown.size())
                + (problems.isEmpty() ? "" : ", problems " + problems);
    }
}

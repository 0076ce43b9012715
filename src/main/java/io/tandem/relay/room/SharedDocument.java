package io.tandem.relay.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.relay.listener.DocumentViewed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The policy document on the shared viewer instead of the live page: which version, who presents (leads page,
 * scroll and zoom), the presenter's latest view, and for the touchpoint how long each version was open and which
 * pages were shown. Guarded by the room's lock; persisted by the registry in batches, never from here.
 */
final class SharedDocument {

    /** At most this many distinct pages are remembered per version between two flushes. */
    static final int MAX_PAGES = 10_000;

    /** Viewing of one version since the last flush. */
    private static final class Viewing {
        long millis;
        final TreeSet<Integer> pages = new TreeSet<>();
    }

    private final UUID sessionId;
    private ObjectNode open;
    private UUID versionId;
    private String presenter;
    private JsonNode view;
    private Instant openSince;
    private final Map<UUID, Viewing> viewings = new LinkedHashMap<>();

    SharedDocument(UUID sessionId) {
        this.sessionId = sessionId;
    }

    boolean isOpen() {
        return versionId != null;
    }

    String presenter() {
        return presenter;
    }

    /** A document version opened by the advisor, who presents it; it starts on page 1. */
    void open(ObjectNode payload, UUID version, String by, Instant now) {
        close(now);
        open = payload;
        versionId = version;
        presenter = by;
        view = null;
        openSince = now;
        page(1);
    }

    void close(Instant now) {
        if (versionId != null) {
            viewing(versionId).millis += Duration.between(openSince, now).toMillis();
        }
        open = null;
        versionId = null;
        presenter = null;
        view = null;
        openSince = null;
    }

    void presenter(String to) {
        presenter = to;
    }

    /** The presenter's view: kept for late joiners, its page counted as shown. */
    void view(JsonNode payload) {
        view = payload;
        page(payload.path("page").asInt(1));
    }

    private void page(int page) {
        Viewing v = viewing(versionId);
        if (v.pages.size() < MAX_PAGES) {
            v.pages.add(page);
        }
    }

    private Viewing viewing(UUID version) {
        return viewings.computeIfAbsent(version, k -> new Viewing());
    }

    /** The state as sys.welcome carries it: null, or the open payload with `presenter` and the latest `view`. */
    ObjectNode state() {
        if (!isOpen()) {
            return null;
        }
        ObjectNode s = open.deepCopy().put("presenter", presenter);
        if (view != null) {
            s.set("view", view);
        } else {
            s.putNull("view");
        }
        return s;
    }

    /** Viewing since the last call (whole seconds; the remainder is kept), for the touchpoint; resets it. */
    List<DocumentViewed> takeViewings(Instant now) {
        if (versionId != null) {
            viewing(versionId).millis += Duration.between(openSince, now).toMillis();
            openSince = now;
        }
        List<DocumentViewed> taken = new ArrayList<>();
        viewings.forEach((version, v) -> {
            long seconds = v.millis / 1000;
            if (seconds > 0 || !v.pages.isEmpty()) {
                taken.add(new DocumentViewed(sessionId, version, seconds, new TreeSet<>(v.pages), now));
            }
            v.millis -= seconds * 1000;
            v.pages.clear();
        });
        viewings.entrySet().removeIf(e -> e.getValue().millis == 0 && !e.getKey().equals(versionId));
        return taken;
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }
}

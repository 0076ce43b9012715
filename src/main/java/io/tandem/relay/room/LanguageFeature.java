package io.tandem.relay.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.relay.protocol.BadFrameException;
import io.tandem.relay.protocol.Inbound;
import io.tandem.relay.protocol.MessageType;
import java.util.regex.Pattern;

/**
 * The customer's language for the session (sys.language): an advisor chooses it in the console, everyone hears it as
 * a numbered frame (the customer's workspace and the site's tandem.js switch to it) and sys.welcome carries it, so the
 * next page of the site speaks it too. Only this rare frame is read; the room keeps the tag, never the payload, and a
 * multi-node hand-over carries it. Guarded by the room's lock.
 */
final class LanguageFeature implements RoomFeature {

    /** A BCP 47 language tag as the pages name their languages ("de", "en-XA"): no free text reaches the others. */
    private static final Pattern TAG = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}");

    private final RoomContext room;
    private String language;

    LanguageFeature(RoomContext room) {
        this.room = room;
    }

    @Override
    public void receive(Member from, Inbound in) {
        JsonNode payload = Payloads.json(in.payload(), 128);
        String lang = Payloads.text(payload.path("lang"), "");
        if (!TAG.matcher(lang).matches()) {
            throw new BadFrameException("sys.language lang must be a language tag such as \"de\"");
        }
        language = lang;
        room.announce(MessageType.SYS_LANGUAGE,
                Payloads.JSON.createObjectNode().put("lang", lang).put("by", from.participant.id()).toString());
    }

    /** The language chosen for the session, or null. */
    String current() {
        return language;
    }

    /** The language a room handed from another node had (ignored unless it is a language tag). */
    void restore(String lang) {
        language = lang != null && TAG.matcher(lang).matches() ? lang : null;
    }

    @Override
    public void welcome(ObjectNode welcome) {
        welcome.put("language", language);
    }
}

package io.tandem.relay.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.relay.protocol.HeadLine;
import io.tandem.relay.protocol.Role;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A room's state handed from a stopping node to the next one to hold it (multi-node relay): numbering, stage, who was
 * in it with their sequence numbers, the keyframe, the drawings, the replay log and the customer's language. With it, clients that reconnect
 * elsewhere resume by sequence number as if the node had not changed. Control grants and the open document are not
 * carried: they end, as they would if the advisor reloaded.
 * <p>
 * Encoded as one JSON line (scalars, members, and the length of every frame in order), then the frames' bytes.
 */
public record Handover(long lastN, String owner, String stageMode, String sharer, boolean keepAnnotations,
        List<MemberState> members,
        Buffer snapshot, List<Buffer> incrementals, Map<String, Buffer> latest, List<Buffer> annotations,
        List<Logged> log, String language) {

    /** A room without a language chosen for the customer (sys.language). */
    public Handover(long lastN, String owner, String stageMode, String sharer, boolean keepAnnotations,
            List<MemberState> members, Buffer snapshot, List<Buffer> incrementals, Map<String, Buffer> latest,
            List<Buffer> annotations, List<Logged> log) {
        this(lastN, owner, stageMode, sharer, keepAnnotations, members, snapshot, incrementals, latest, annotations,
                log,
                null);
    }

    public record MemberState(Participant participant, String epoch, long lastSeq) {}

    public record Logged(long n, Buffer frame) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    public Buffer encode() {
        ObjectNode head = JSON.createObjectNode().put("v", 1).put("lastN", lastN).put("owner", owner)
                .put("stageMode", stageMode)
                .put("sharer", sharer).put("keep", keepAnnotations).put("language", language);
        ArrayNode ms = head.putArray("members");
        for (MemberState m : members) {
            m.participant().writeTo(ms.addObject()).put("epoch", m.epoch()).put("lastSeq", m.lastSeq());
        }
        List<Buffer> body = new ArrayList<>();
        head.put("snapshot", snapshot == null ? -1 : snapshot.length());
        if (snapshot != null) {
            body.add(snapshot);
        }
        ArrayNode inc = head.putArray("incrementals");
        incrementals.forEach(f -> {
            inc.add(f.length());
            body.add(f);
        });
        ArrayNode lat = head.putArray("latest");
        latest.forEach((k, f) -> {
            lat.addArray().add(k).add(f.length());
            body.add(f);
        });
        ArrayNode ann = head.putArray("annotations");
        annotations.forEach(f -> {
            ann.add(f.length());
            body.add(f);
        });
        ArrayNode lg = head.putArray("log");
        log.forEach(e -> {
            lg.addArray().add(e.n()).add(e.frame().length());
            body.add(e.frame());
        });
        Buffer out = Buffer.buffer(head.toString()).appendByte((byte) '\n');
        body.forEach(out::appendBuffer);
        return out;
    }

    /** Reads what {@link #encode()} wrote; IllegalArgumentException if it is not that. */
    public static Handover decode(Buffer in) {
        HeadLine line = HeadLine.split(in, in.length());
        JsonNode head = line.head();
        if (head.path("v").asInt() != 1) {
            throw new IllegalArgumentException("unknown handover version");
        }
        int[] at = {line.body()};
        java.util.function.IntFunction<Buffer> next = len -> {
            if (len < 0 || at[0] + len > in.length()) {
                throw new IllegalArgumentException("handover frames are cut short");
            }
            Buffer b = in.getBuffer(at[0], at[0] + len);
            at[0] += len;
            return b;
        };
        List<MemberState> members = new ArrayList<>();
        for (JsonNode m : head.path("members")) {
            members.add(new MemberState(Participant.readFrom(m), m.path("epoch").isNull()
                    ? null
                    : m.path("epoch").asText(null), m.path("lastSeq").asLong()));
        }
        int snapshotLength = head.path("snapshot").asInt(-1);
        Buffer snapshot = snapshotLength < 0 ? null : next.apply(snapshotLength);
        List<Buffer> incrementals = new ArrayList<>();
        head.path("incrementals").forEach(n -> incrementals.add(next.apply(n.asInt())));
        Map<String, Buffer> latest = new LinkedHashMap<>();
        head.path("latest").forEach(n -> latest.put(n.get(0).asText(), next.apply(n.get(1).asInt())));
        List<Buffer> annotations = new ArrayList<>();
        head.path("annotations").forEach(n -> annotations.add(next.apply(n.asInt())));
        List<Logged> log = new ArrayList<>();
        head.path("log").forEach(n -> log.add(new Logged(n.get(0).asLong(), next.apply(n.get(1).asInt()))));
        if (at[0] != in.length()) {
            throw new IllegalArgumentException("handover has trailing bytes");
        }
        return new Handover(head.path("lastN").asLong(), head.path("owner").isTextual()
                ? head.path("owner").asText()
                : null, head.path("stageMode").asText("customer"),
                head.path(
                        "sharer").asText(Participant.CUSTOMER_ID),
                head.path("keep").asBoolean(), members, snapshot,
                incrementals, latest, annotations, log,
                head.path("language").isTextual() ? head.path("language").asText() : null);
    }
}

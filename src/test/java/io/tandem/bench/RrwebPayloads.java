package io.tandem.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Plausible rrweb traffic, generated once: full snapshots (meta + full-snapshot events of a policy page, with inline
 * CSS and nested sections) in size buckets from 200 KB to 1 MB, and incremental mutation batches of 1 to 5 KB. Each
 * template is the JSON text that follows {@code {"t0":<nanos>,} in a payload, so a sender only prepends its clock.
 */
final class RrwebPayloads {

    static final int SNAPSHOT_MIN_BYTES = 200 * 1024;
    static final int SNAPSHOT_MAX_BYTES = 1024 * 1024;
    private static final String[] WORDS = ("policy cover premium insured excess claim renewal clause liability home "
            + "contents building storm water damage theft accidental garden vehicle annual monthly deductible limit "
            + "schedule endorsement exclusion beneficiary advisor review document signature payment account number "
            + "effective date period terms conditions sum valuables bicycle travel legal expenses assistance")
            .split(" ");
    private static final String[] TAGS = {"p", "li", "span", "td", "div", "label", "strong", "a"};

    /** Snapshot templates, one per 100 KB bucket: 200 KB, 300 KB, ..., 1000 KB. */
    final List<byte[]> snapshots = new ArrayList<>();
    /** Mutation batch templates of 1 to 5 KB. */
    final List<byte[]> mutations = new ArrayList<>();

    private final Random random;
    private int nextId = 1;

    private RrwebPayloads(long seed) {
        this.random = new Random(seed);
    }

    static RrwebPayloads generate(long seed) {
        RrwebPayloads p = new RrwebPayloads(seed);
        for (int kb = 200; kb <= 1000; kb += 100) {
            p.snapshots.add(p.snapshot(kb * 1024).getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < 64; i++) {
            p.mutations.add(p.mutationBatch(1024 + p.random.nextInt(4 * 1024 + 1)).getBytes(StandardCharsets.UTF_8));
        }
        return p;
    }

    // ---------------------------------------------------------------- full snapshot

    private String snapshot(int target) {
        nextId = 1;
        StringBuilder tail = new StringBuilder();
        String head = "\"events\":[{\"type\":4,\"data\":{\"href\":\"https://insurer.example/policies/HX-"
                + (1000 + random.nextInt(9000)) + "/documents\",\"width\":1440,\"height\":900},\"timestamp\":"
                + 1732280000000L + "},{\"type\":2,\"data\":{\"node\":{\"type\":0,\"childNodes\":[{\"type\":1,"
                + "\"name\":\"html\",\"publicId\":\"\",\"systemId\":\"\",\"id\":" + id() + "},{\"type\":2,"
                + "\"tagName\":\"html\",\"attributes\":{\"lang\":\"en\"},\"childNodes\":[" + headNode()
                + ",{\"type\":2,\"tagName\":\"body\",\"attributes\":{\"class\":\"portal\"},\"childNodes\":[";
        tail.append("],\"id\":").append(id()).append("}],\"id\":").append(id()).append("}],\"id\":").append(id())
                .append("},\"initialOffset\":{\"left\":0,\"top\":0}},\"timestamp\":1732280000012}]}");
        StringBuilder body = new StringBuilder(target + 8192);
        body.append(head);
        boolean first = true;
        while (body.length() + tail.length() < target) {
            String section = section(3);
            if (body.length() + tail.length() + section.length() + 1 > target + 2048 && !first) {
                section = text(20 + random.nextInt(60));
            }
            if (!first) {
                body.append(',');
            }
            body.append(section);
            first = false;
        }
        return body.append(tail).toString();
    }

    private String headNode() {
        StringBuilder css = new StringBuilder();
        for (int i = 0; i < 180; i++) {
            css.append(".policy-").append(word()).append('-').append(i).append(" { margin: ").append(random.nextInt(24))
                    .append("px ").append(random.nextInt(24)).append("px; color: #").append(Integer.toHexString(
                            0x100000 + random.nextInt(0xEFFFFF)))
                    .append("; font-size: ").append(12 + random.nextInt(
                            10))
                    .append("px; }\\n");
        }
        return "{\"type\":2,\"tagName\":\"head\",\"attributes\":{},\"childNodes\":[{\"type\":2,\"tagName\":\"meta\","
                + "\"attributes\":{\"charset\":\"utf-8\"},\"childNodes\":[],\"id\":" + id() + "},{\"type\":2,"
                + "\"tagName\":\"title\",\"attributes\":{},\"childNodes\":[" + text(4) + "],\"id\":" + id()
                + "},{\"type\":2,\"tagName\":\"style\",\"attributes\":{\"_cssText\":\"" + css + "\"},\"childNodes\":[],"
                + "\"id\":" + id() + "}],\"id\":" + id() + "}";
    }

    private String section(int depth) {
        StringBuilder s = new StringBuilder();
        String tag = depth == 3 ? "section" : depth == 2 ? "div" : TAGS[random.nextInt(TAGS.length)];
        s.append("{\"type\":2,\"tagName\":\"").append(tag).append("\",\"attributes\":{\"class\":\"policy-")
                .append(word()).append('-').append(random.nextInt(180)).append('"');
        if (random.nextInt(4) == 0) {
            s.append(",\"id\":\"clause-").append(random.nextInt(400)).append('"');
        }
        if (tag.equals("a")) {
            s.append(",\"href\":\"/policies/terms#").append(word()).append('"');
        }
        s.append("},\"childNodes\":[");
        int children = depth == 0 ? 1 : 2 + random.nextInt(4);
        for (int i = 0; i < children; i++) {
            if (i > 0) {
                s.append(',');
            }
            s.append(depth == 0 || random.nextInt(3) == 0 ? text(3 + random.nextInt(25)) : section(depth - 1));
        }
        return s.append("],\"id\":").append(id()).append('}').toString();
    }

    private String text(int words) {
        StringBuilder t = new StringBuilder("{\"type\":3,\"textContent\":\"");
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                t.append(' ');
            }
            t.append(word());
        }
        return t.append("\",\"id\":").append(id()).append('}').toString();
    }

    // ---------------------------------------------------------------- incremental batch

    private String mutationBatch(int target) {
        StringBuilder s = new StringBuilder(target + 512);
        long ts = 1732280001000L + random.nextInt(100000);
        s.append("\"events\":[{\"type\":3,\"data\":{\"source\":0,\"texts\":[{\"id\":").append(rid())
                .append(",\"value\":\"").append(words(6)).append("\"}],\"attributes\":[{\"id\":").append(rid())
                .append(",\"attributes\":{\"class\":\"policy-").append(word()).append(" is-open\",\"aria-expanded\":"
                        + "\"true\"}}],\"removes\":[{\"parentId\":")
                .append(rid()).append(",\"id\":").append(rid())
                .append("}],\"adds\":[");
        String end = "]},\"timestamp\":" + ts + "},{\"type\":3,\"data\":{\"source\":5,\"text\":\"" + words(2)
                + "\",\"isChecked\":false,\"id\":" + rid() + "},\"timestamp\":" + (ts + 40) + "}]}";
        boolean first = true;
        while (s.length() + end.length() < target) {
            if (!first) {
                s.append(',');
            }
            first = false;
            s.append("{\"parentId\":").append(rid()).append(",\"nextId\":null,\"node\":").append(section(1))
                    .append('}');
        }
        return s.append(end).toString();
    }

    private int id() {
        return nextId++;
    }

    private int rid() {
        return 1 + random.nextInt(20000);
    }

    private String word() {
        return WORDS[random.nextInt(WORDS.length)];
    }

    private String words(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : " ").append(word());
        }
        return b.toString();
    }
}

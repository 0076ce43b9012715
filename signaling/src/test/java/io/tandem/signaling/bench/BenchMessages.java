package io.tandem.signaling.bench;

/** The messages the benchmark's peers send: Chromium-like SDP (about 4 KB) and ICE candidates. */
final class BenchMessages {

    private static final String SDP = quoted(sdp());

    private BenchMessages() {}

    static String offer(String to) {
        return "{\"type\":\"offer\",\"to\":" + quoted(to) + ",\"sdp\":" + SDP + "}";
    }

    static String answer(String to) {
        return "{\"type\":\"answer\",\"to\":" + quoted(to) + ",\"sdp\":" + SDP + "}";
    }

    static String mute(boolean audio, boolean video) {
        return "{\"type\":\"mute\",\"audio\":" + audio + ",\"video\":" + video + "}";
    }

    /** Candidate {@code index} of {@code last} for {@code to}; the last one is the end-of-candidates ({@code null}). */
    static String candidate(String to, int index, int last) {
        if (index == last) {
            return "{\"type\":\"candidate\",\"to\":" + quoted(to) + ",\"candidate\":null}";
        }
        return "{\"type\":\"candidate\",\"to\":" + quoted(to) + ",\"candidate\":{\"candidate\":\"candidate:"
                + (842163049 + index)
                + " 1 udp 1677729535 198.51.100." + (index % 250) + " " + (50000 + index)
                + " typ srflx raddr 0.0.0.0 rport 0 generation 0 ufrag 9Gbf network-cost 999\",\"sdpMid\":\""
                + (index % 2) + "\",\"sdpMLineIndex\":" + (index % 2) + ",\"usernameFragment\":\"9Gbf\"}}";
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r").replace("\n", "\\n")
                + "\"";
    }

    /** A plausible audio+video offer (about 4 KB, as Chromium's with bundle and a few codecs). */
    private static String sdp() {
        StringBuilder sdp = new StringBuilder("v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                + "a=group:BUNDLE 0 1\r\na=extmap-allow-mixed\r\na=msid-semantic: WMS stream\r\n");
        for (String media : new String[]{"audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126",
                "video 9 UDP/TLS/RTP/SAVPF 96 97 102 103 104 105 106 107 108 109 127 125 39 40 45 46 98 99 100 101"}) {
            sdp.append("m=").append(media).append("\r\nc=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n")
                    .append("a=ice-ufrag:9Gbf\r\na=ice-pwd:H3vcWr3hOXbQ2YvfIwUZl2xq\r\na=ice-options:trickle\r\n")
                    .append("a=fingerprint:sha-256 6B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:")
                    .append("C2:43:F0:A1:58:D0:A1:2C:19:08\r\na=setup:actpass\r\na=sendrecv\r\na=rtcp-mux\r\n");
            for (int pt = 0; pt < 18; pt++) {
                sdp.append("a=rtpmap:").append(96 + pt).append(" VP8/90000\r\na=rtcp-fb:").append(96 + pt)
                        .append(" nack pli\r\n");
            }
        }
        return sdp.toString();
    }
}

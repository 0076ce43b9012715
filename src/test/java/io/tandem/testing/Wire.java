package io.tandem.testing;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The relay's wire as every Java client here speaks it (the tests' {@link RelayClient}, the multi-node tests' tab, the
 * bench's load sockets): the upgrade (subprotocol {@code tandem.v1}, the credential carried as Quarkus' upgrade
 * header subprotocol, the page's Origin) and the frame (a one-line JSON header, a newline, the payload; docs/protocol.md
 * "Frames"). Reading is {@link FrameListener}.
 */
public final class Wire {

    public static final String PROTOCOL = "tandem.v1";

    private Wire() {}

    /** The relay's WebSocket address of a session on the server at {@code base} (http or https). */
    public static URI relayUri(URI base, String sessionId) {
        return URI.create(base.toString().replaceFirst("^http", "ws").replaceAll("/$", "") + "/ws/sessions/"
                + sessionId);
    }

    /**
     * An upgrade as a browser page makes it: {@code authorization} ("Bearer …", "Customer …", "Stage …") travels as the
     * subprotocol Quarkus turns into the Authorization header (null: anonymous); {@code origin} null sends none.
     */
    public static WebSocket.Builder upgrade(HttpClient http, String authorization, String origin, Duration timeout) {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(timeout);
        if (origin != null) {
            builder.header("Origin", origin);
        }
        if (authorization == null) {
            return builder.subprotocols(PROTOCOL);
        }
        return builder.subprotocols(PROTOCOL, URLEncoder.encode("quarkus-http-upgrade#Authorization#"
                + authorization, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** A frame's header: type, sequence number (0: none) and latest-wins key (null: none). */
    public static String header(String type, long s, String key) {
        StringBuilder h = new StringBuilder("{\"t\":\"").append(type).append('"');
        if (s > 0) {
            h.append(",\"s\":").append(s);
        }
        if (key != null) {
            h.append(",\"k\":\"").append(key).append('"');
        }
        return h.append('}').toString();
    }

    /** A whole frame: the header line and the payload. */
    public static byte[] frame(String header, String payload) {
        return (header + "\n" + payload).getBytes(StandardCharsets.UTF_8);
    }
}

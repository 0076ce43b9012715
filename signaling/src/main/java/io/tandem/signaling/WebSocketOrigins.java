package io.tandem.signaling;

import java.net.URI;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The web origins allowed to open a WebSocket, checked against the upgrade's {@code Origin} header before any socket
 * exists (a page of another site cannot ride on the user's cookies or a leaked token). Shared by the app's relay and
 * the signaling server; it lives here because signaling/ may not depend on the app. An upgrade without an Origin
 * header, or with {@code Origin: null}, is never allowed.
 *
 * @param allowed origins as browsers send them: {@code scheme://host[:port]}, lower case
 */
public record WebSocketOrigins(Set<String> allowed) {

    /** Allows nothing: every upgrade is refused. */
    public static final WebSocketOrigins NONE = new WebSocketOrigins(Set.of());

    public WebSocketOrigins {
        allowed = Set.copyOf(allowed);
    }

    /**
     * The origins of these URLs (a path or trailing slash does not matter).
     *
     * @throws IllegalArgumentException for a value that is not an absolute URL
     */
    public static WebSocketOrigins of(Collection<String> urls) {
        return new WebSocketOrigins(urls.stream().map(WebSocketOrigins::origin).collect(Collectors.toSet()));
    }

    /** A comma-separated list of URLs (an environment variable); blank items are skipped. */
    public static WebSocketOrigins parse(String commaSeparated) {
        if (commaSeparated == null) {
            return NONE;
        }
        return of(Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    /**
     * {@code scheme://host[:port]} of a URL, lower case, the way browsers send Origin.
     *
     * @throws IllegalArgumentException for a value that is not an absolute URL
     */
    public static String origin(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an absolute URL: " + url, e);
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("not an absolute URL: " + url);
        }
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return (uri.getScheme() + "://" + uri.getHost() + port).toLowerCase(Locale.ROOT);
    }

    /** Whether an upgrade with this Origin header (null when absent) may proceed. */
    public boolean allows(String originHeader) {
        return originHeader != null && allowed.contains(originHeader.toLowerCase(Locale.ROOT));
    }

    public boolean isEmpty() {
        return allowed.isEmpty();
    }

    /** The header as it may be logged: one short line of printable characters. */
    public static String printable(String originHeader) {
        if (originHeader == null) {
            return "(none)";
        }
        String shown = originHeader.length() > 100 ? originHeader.substring(0, 100) + "..." : originHeader;
        return shown.replaceAll("[^\\x20-\\x7e]", "?");
    }
}

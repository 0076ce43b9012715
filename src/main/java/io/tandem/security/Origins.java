package io.tandem.security;

import io.tandem.signaling.WebSocketOrigins;

/** Web origins as browsers send them in the Origin header, for every allow-list and CSP source the app builds. */
public final class Origins {

    private Origins() {}

    /**
     * {@code scheme://host[:port]} of a URL, lower case, the way browsers send Origin; a path or trailing slash in
     * the configured value does not matter. The same rule as the WebSocket allow-list ({@link WebSocketOrigins}).
     *
     * @throws IllegalArgumentException for a value that is not an absolute URL
     */
    public static String of(String url) {
        return WebSocketOrigins.origin(url);
    }
}

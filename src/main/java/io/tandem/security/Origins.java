package io.tandem.security;

import java.net.URI;

/** Web origins as browsers send them in the Origin header, for every allow-list and CSP source the app builds. */
public final class Origins {

    private Origins() {}

    /**
     * {@code scheme://host[:port]} of a URL, lower case, the way browsers send Origin; a path or trailing slash in
     * the configured value does not matter.
     *
     * @throws IllegalArgumentException for a value that is not an absolute URL
     */
    public static String of(String url) {
        URI uri = URI.create(url.trim());
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("not an absolute URL: " + url);
        }
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return (uri.getScheme() + "://" + uri.getHost() + port).toLowerCase();
    }
}

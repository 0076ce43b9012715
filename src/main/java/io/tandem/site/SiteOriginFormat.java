package io.tandem.site;

import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Reads an origin an admin typed: {@code scheme://host[:port]} with http or https, no path, query, fragment or user
 * name. It comes out as browsers send it in the Origin header: lower case, without a trailing slash and without the
 * scheme's default port.
 */
final class SiteOriginFormat {

    static final int MAX_LENGTH = 255;

    private SiteOriginFormat() {}

    /** @throws ProblemException (400) with a sentence saying what is wrong */
    static String parse(String typed) {
        if (typed == null || typed.isBlank()) {
            throw invalid("Enter the site's origin, for example https://www.insurer.example.");
        }
        String value = typed.strip();
        if (value.length() > MAX_LENGTH) {
            throw invalid("An origin has at most " + MAX_LENGTH + " characters.");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw invalid("\"" + shown(value) + "\" is not an origin: write it as scheme://host[:port], for example"
                    + " https://www.insurer.example.");
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"https".equals(scheme) && !"http".equals(scheme)) {
            throw invalid("An origin starts with https:// or http://, for example https://www.insurer.example.");
        }
        if (uri.getRawAuthority() == null || uri.getHost() == null) {
            throw invalid("\"" + shown(value) + "\" has no valid host name: write it as scheme://host[:port].");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid("An origin has no user name or password: write it as scheme://host[:port].");
        }
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/") || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw invalid("An origin has no path, query or fragment: write " + scheme + "://" + uri.getRawAuthority()
                    + " instead of the page's address.");
        }
        int port = uri.getPort();
        if (port == 0 || port > 65535) {
            throw invalid("A port is a number from 1 to 65535.");
        }
        boolean defaultPort = port == 443 && scheme.equals("https") || port == 80 && scheme.equals("http");
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + (port < 0 || defaultPort ? "" : ":" + port);
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ProblemType.INVALID_REQUEST, detail);
    }

    private static String shown(String value) {
        String cut = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}

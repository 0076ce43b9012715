package io.tandem.webhook.service;

import io.tandem.config.WebhookConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which URLs may receive webhooks (the SSRF rule, docs/security.md): http or https, at most 2048 characters, and a
 * host whose every address lies outside the private, loopback, link-local, unique-local, multicast and unspecified
 * ranges, unless tandem.webhooks.allow names the host or a range holding the address. Checked when an admin registers
 * a URL and again before every delivery, on the addresses the delivery then connects to (DNS rebinding).
 */
@ApplicationScoped
public class TargetPolicy {

    public static final int MAX_URL_LENGTH = 2048;

    /** Ranges java.net does not classify, refused like the private ones. */
    private static final List<AddressRange> REFUSED = List.of(AddressRange.parse("0.0.0.0/8"),
            AddressRange.parse("100.64.0.0/10"), AddressRange.parse("192.0.0.0/24"),
            AddressRange.parse("198.18.0.0/15"), AddressRange.parse("240.0.0.0/4"), AddressRange.parse("fc00::/7"),
            AddressRange.parse("64:ff9b::/96"), AddressRange.parse("2002::/16"), AddressRange.parse("::/96"));

    private final List<String> allowedHosts = new ArrayList<>();
    private final List<AddressRange> allowedRanges = new ArrayList<>();

    public TargetPolicy(WebhookConfig config) {
        for (String entry : config.allow().orElse(List.of())) {
            if (entry.isBlank()) {
                continue;
            }
            AddressRange range = AddressRange.parse(entry);
            if (range == null) {
                allowedHosts.add(entry.strip().toLowerCase(Locale.ROOT));
            } else {
                allowedRanges.add(range);
            }
        }
    }

    /** Why a URL may not receive webhooks: a sentence for the admin. */
    public static final class Refused extends RuntimeException {
        public Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /** A URL that passed, with the addresses it may be sent to. */
    public record Target(URI uri, String host, int port, boolean tls, List<InetAddress> addresses) {}

    /** Checks the URL's form only (no lookup): scheme, length, host, no user information. */
    public URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw new Refused("Give the URL of the receiver, e.g. https://crm.example.com/hooks/tandem.");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw new Refused("The URL is " + url.length() + " characters long; at most " + MAX_URL_LENGTH
                    + " are accepted.");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new Refused("The URL is not well formed: " + e.getReason() + ".");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused("Webhooks are sent over http or https only, not " + (scheme.isEmpty()
                    ? "a URL without a scheme"
                    : scheme) + ".");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new Refused("The URL names no host.");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("The URL must not carry a user name or password; receivers verify the signature.");
        }
        return uri;
    }

    /** Checks the URL and every address its host resolves to now. Blocks on the name lookup: call off event loops. */
    public Target resolve(String url) {
        URI uri = parse(url);
        String host = uri.getHost();
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            throw new Refused("The host " + bare + " could not be resolved.");
        }
        boolean hostAllowed = allowedHosts.contains(bare.toLowerCase(Locale.ROOT));
        for (InetAddress a : addresses) {
            String range = refusedRange(a);
            if (range != null && !hostAllowed && allowedRanges.stream().noneMatch(r -> r.contains(a))) {
                throw new Refused("The host " + bare + " resolves to " + a.getHostAddress() + ", a " + range
                        + " address; such targets are refused unless tandem.webhooks.allow names them.");
            }
        }
        boolean tls = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        return new Target(uri, bare, port, tls, List.of(addresses));
    }

    /** The kind of range the address is refused for, or null when it is a public address. */
    static String refusedRange(InetAddress a) {
        if (a.isLoopbackAddress()) {
            return "loopback";
        }
        if (a.isLinkLocalAddress()) {
            return "link-local";
        }
        if (a.isSiteLocalAddress()) {
            return "private";
        }
        if (a.isMulticastAddress()) {
            return "multicast";
        }
        if (a.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (a instanceof Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc) {
            return "unique-local";
        }
        for (AddressRange r : REFUSED) {
            if (r.contains(a)) {
                return "reserved";
            }
        }
        return null;
    }
}

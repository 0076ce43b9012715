package io.tandem.security;

import io.vertx.core.http.HttpServerRequest;

/** The client address rate limits key on: the peer, or X-Forwarded-For when TANDEM_TRUST_PROXY is on. */
public final class ClientAddress {

    private ClientAddress() {}

    public static String of(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}

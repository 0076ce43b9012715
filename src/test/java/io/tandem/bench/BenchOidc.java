package io.tandem.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A minimal OIDC provider for the benchmark: the discovery document and the key set of {@link BenchTokens}, on
 * loopback. The discovery names an end-session endpoint too: the console tenant (RP-initiated logout) refuses to start
 * without one. The server under test is configured with it as quarkus.oidc.auth-server-url, so it discovers the provider
 * and verifies staff tokens exactly as it does against Keycloak, without a Keycloak.
 */
public final class BenchOidc implements AutoCloseable {

    private final HttpServer http;
    private final String issuer;

    private BenchOidc(HttpServer http, String issuer) {
        this.http = http;
        this.issuer = issuer;
    }

    /** Starts on a free loopback port; the realm URL (issuer) is {@link #issuer()}. */
    public static BenchOidc start() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        String issuer = "http://127.0.0.1:" + http.getAddress().getPort() + "/realms/bench";
        return new BenchOidc(http, issuer);
    }

    public String issuer() {
        return issuer;
    }

    /** Serves discovery and the key set of {@code tokens}, whose issuer must be {@link #issuer()}. */
    public void serve(BenchTokens tokens) {
        String discovery = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer
                + "/protocol/openid-connect/certs\",\"token_endpoint\":\"" + issuer
                + "/protocol/openid-connect/token\",\"authorization_endpoint\":\"" + issuer
                + "/protocol/openid-connect/auth\",\"end_session_endpoint\":\"" + issuer
                + "/protocol/openid-connect/logout\",\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
        http.createContext("/realms/bench/.well-known/openid-configuration", x -> json(x, discovery));
        http.createContext("/realms/bench/protocol/openid-connect/certs", x -> json(x, tokens.jwks()));
        http.start();
    }

    private static void json(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}

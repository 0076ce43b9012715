package io.tandem.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real Keycloak for the suites that sign in through it (only those whose test profile lists this resource).
 * <p>
 * It starts {@code org.keycloak:keycloak-quarkus-dist} with {@code start_keycloak} from {@code bin/lib/services.sh}
 * (fetched from Maven Central into the cache on first use, in-memory database, the repo's realm imported afresh) on a
 * port that is free right now, so a Keycloak left behind by a crashed run never blocks the next one. The realm file
 * only allows redirects to {@code http://localhost:8080/*}; the app under test listens on
 * {@code quarkus.http.test-port}, so this resource adds that origin to the console client's redirect and post-logout
 * URIs, and moves its back-channel logout URL to it, through Keycloak's admin REST API (with bootstrap admin
 * credentials generated per run). A watchdog outside the
 * test JVM stops Keycloak if the JVM dies without calling {@link #stop()}.
 * <p>
 * The app learns the realm's base URL from {@value #URL_PROPERTY}; the test profile maps it onto quarkus.oidc.*.
 */
public class KeycloakTestResource implements QuarkusTestResourceLifecycleManager {

    /** Base URL of the running Keycloak, e.g. {@code http://localhost:41234} (no realm path). */
    public static final String URL_PROPERTY = "tandem-test.keycloak.url";
    public static final String REALM = "tandem";
    /** A public copy of the console client whose access tokens expire after {@link #SHORT_LIVED_SECONDS}. */
    public static final String SHORT_LIVED_CLIENT = "tandem-console-short-lived";
    public static final int SHORT_LIVED_SECONDS = 12;
    public static final String CONSOLE_CLIENT = "tandem-console";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The console client's development secret, as the repo's realm export has it. */
    public static final String CONSOLE_SECRET = consoleSecret();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("tandem.test.keycloak.timeout",
            420));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String adminUser = "tandem-test-admin";
    private final String adminPassword = UUID.randomUUID().toString();
    /** The running Keycloak and its admin, for tests that act as Keycloak's administrator (null when not running). */
    private static volatile Admin admin;
    private Path services;
    private Path logFile;
    private long keycloakPid = -1;
    private Process watchdog;

    @Override
    public Map<String, String> start() {
        long started = System.nanoTime();
        services = servicesScript();
        int appPort = appPort();
        int port = freePort();
        Path dir = services.getParent().getParent().getParent().resolve("target/keycloak");
        logFile = dir.resolve("keycloak-" + port + ".log");
        try {
            Files.createDirectories(dir);
            startKeycloak(port, dir.resolve("start-" + port + ".out"));
            keycloakPid = Long.parseLong(Files.readString(dir.resolve("keycloak-" + port + ".pid")).trim());
            watchdog = startWatchdog(keycloakPid);
            String url = "http://localhost:" + port;
            allowAppOrigin(url, "http://localhost:" + appPort);
            admin = new Admin(url, adminUser, adminPassword);
            System.out.printf("[keycloak] ready on %s for the app on port %d after %d s (log %s)%n", url, appPort,
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), logFile);
            return Map.of(URL_PROPERTY, url);
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException("Keycloak did not start (log " + logFile + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException("interrupted while starting Keycloak", e);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /** Where the suite's Keycloak runs and how its administrator signs in. */
    private record Admin(String url, String user, String password) {}

    /**
     * Signs every session of {@code username} out, as a Keycloak administrator would: Keycloak then sends back-channel
     * logout tokens to the app.
     */
    public static void signOutEverywhere(String username) {
        Admin a = admin;
        if (a == null) {
            throw new IllegalStateException("the suite's Keycloak is not running");
        }
        KeycloakTestResource helper = new KeycloakTestResource();
        try {
            String token = helper.adminToken(a.url(), a.user(), a.password());
            String users = a.url() + "/admin/realms/" + REALM + "/users";
            String id = JSON.readTree(helper.send(HttpRequest.newBuilder(URI.create(users + "?exact=true&username="
                    + username)).header("Authorization", "Bearer " + token).GET(), 200)).get(0).path("id").asText();
            helper.send(HttpRequest.newBuilder(URI.create(users + "/" + id + "/logout"))
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()), 204);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String adminToken(String keycloak, String user, String password) throws IOException, InterruptedException {
        return JSON.readTree(send(HttpRequest.newBuilder(URI.create(keycloak
                + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "password", "client_id",
                        "admin-cli", "username", user, "password", password)))),
                200)).path("access_token").asText();
    }

    @Override
    public void stop() {
        admin = null;
        if (keycloakPid > 0 && ProcessHandle.of(keycloakPid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                Process p = new ProcessBuilder("bash", "-c", ". \"$0\" && stop_pid \"$1\"", services.toString(),
                        Long.toString(keycloakPid)).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(40, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (IOException e) {
                ProcessHandle.of(keycloakPid).ifPresent(ProcessHandle::destroyForcibly);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        keycloakPid = -1;
        if (watchdog != null) {
            watchdog.destroy();
            watchdog = null;
        }
    }

    /** {@code start_keycloak PORT LOG} from bin/lib/services.sh; it returns once realm {@value #REALM} answers. */
    private void startKeycloak(int port, Path out) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", ". \"$0\" && start_keycloak \"$1\" \"$2\"",
                services.toString(), Integer.toString(port), logFile.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", adminUser);
        pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        pb.environment().putIfAbsent("KEYCLOAK_START_TIMEOUT", Long.toString(START_TIMEOUT.toSeconds() - 60));
        Process p = pb.start();
        if (!p.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("start_keycloak did not return within " + START_TIMEOUT + "; see " + out);
        }
        if (p.exitValue() != 0) {
            throw new IOException("start_keycloak failed (exit " + p.exitValue() + "):\n" + Files.readString(out));
        }
    }

    /** Stops Keycloak once this JVM is gone (a crash, a killed fork), in its own session so Ctrl-C spares it. */
    private Process startWatchdog(long pid) throws IOException {
        String script = "while kill -0 \"$1\" 2>/dev/null && kill -0 \"$2\" 2>/dev/null; do sleep 2; done; "
                + "if kill -0 \"$2\" 2>/dev/null; then . \"$0\" && stop_pid \"$2\"; fi";
        return new ProcessBuilder("setsid", "bash", "-c", script, services.toString(),
                Long.toString(ProcessHandle.current().pid()), Long.toString(pid)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /**
     * Adds {@code appOrigin/*} to the console client's redirect and post-logout redirect URIs, and points its
     * back-channel logout URL at {@code appOrigin}.
     */
    private void allowAppOrigin(String keycloak, String appOrigin) throws IOException, InterruptedException {
        String token = adminToken(keycloak, adminUser, adminPassword);
        String clients = keycloak + "/admin/realms/" + REALM + "/clients";
        ObjectNode client = (ObjectNode) JSON.readTree(send(HttpRequest.newBuilder(URI.create(clients
                + "?clientId=" + CONSOLE_CLIENT)).header("Authorization", "Bearer " + token).GET(), 200)).get(0);
        if (client == null) {
            throw new IllegalStateException("realm " + REALM + " has no client " + CONSOLE_CLIENT);
        }
        String pattern = appOrigin + "/*";
        ArrayNode redirects = client.withArrayProperty("redirectUris");
        boolean present = false;
        for (var uri : redirects) {
            present |= uri.asText().equals(pattern);
        }
        if (!present) {
            redirects.add(pattern);
        }
        ObjectNode attributes = client.withObjectProperty("attributes");
        List<String> postLogout = new ArrayList<>(List.of(attributes.path("post.logout.redirect.uris").asText("")
                .split("##")));
        postLogout.removeIf(String::isBlank);
        if (!postLogout.contains(pattern)) {
            postLogout.add(pattern);
        }
        attributes.put("post.logout.redirect.uris", String.join("##", postLogout));
        // Keycloak posts logout tokens to the app it knows (http://localhost:8080 in the realm file): this one instead.
        String backChannel = attributes.path("backchannel.logout.url").asText("");
        if (!backChannel.isBlank()) {
            attributes.put("backchannel.logout.url", appOrigin + URI.create(backChannel).getRawPath());
        }
        String id = client.path("id").asText();
        send(HttpRequest.newBuilder(URI.create(clients + "/" + id)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(client))), 204);
        shortLivedClient(clients, token, client);
    }

    /**
     * A copy of the console client whose access tokens live {@value #SHORT_LIVED_SECONDS} s, so a test can watch a
     * real Keycloak token expire on an open relay socket without waiting the realm's 5 minutes.
     */
    private void shortLivedClient(String clients, String token, ObjectNode console)
            throws IOException, InterruptedException {
        ObjectNode copy = console.deepCopy();
        copy.remove("id");
        copy.put("clientId", SHORT_LIVED_CLIENT);
        copy.put("name", "Tandem console (short-lived tokens, tests only)");
        copy.withObjectProperty("attributes").put("access.token.lifespan", String.valueOf(SHORT_LIVED_SECONDS));
        copy.withObjectProperty("attributes").remove("backchannel.logout.url");
        // a public client, so a test asks it for a token with the password grant and no secret
        copy.put("publicClient", true);
        copy.remove("secret");
        for (var mapper : copy.withArrayProperty("protocolMappers")) {
            ((ObjectNode) mapper).remove("id");
        }
        send(HttpRequest.newBuilder(URI.create(clients)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(copy))), 201);
    }

    private static String consoleSecret() {
        try {
            for (var client : JSON.readTree(Path.of("config/keycloak/tandem-realm.json").toFile()).path("clients")) {
                if (CONSOLE_CLIENT.equals(client.path("clientId").asText())) {
                    return client.path("secret").asText();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("the realm export has no client " + CONSOLE_CLIENT);
    }

    private String send(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
        HttpRequest r = request.timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response = http.send(r, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IOException(r.method() + " " + r.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    private static String form(Map<String, String> fields) {
        StringBuilder s = new StringBuilder();
        fields.forEach((k, v) -> s.append(s.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return s.toString();
    }

    /** The port the app under test will listen on (chosen before it starts, see {@link TestPorts}). */
    private static int appPort() {
        return TestPorts.http();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** bin/lib/services.sh of this checkout, found from the working directory upwards. */
    private static Path servicesScript() {
        for (File dir = new File(System.getProperty("user.dir")).getAbsoluteFile(); dir != null; dir = dir
                .getParentFile()) {
            Path candidate = dir.toPath().resolve("bin/lib/services.sh");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("bin/lib/services.sh not found above " + System.getProperty("user.dir"));
    }
}

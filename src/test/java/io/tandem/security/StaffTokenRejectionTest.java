package io.tandem.security;

import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.newSession;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.tandem.testing.RelayClient;
import io.tandem.testing.RelayClient.Refused;
import io.tandem.testing.TestPorts;
import io.tandem.testing.TestTokens;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad staff tokens get a 401 from the REST API and the relay upgrade alike, never a 101, and no token is logged. */
@QuarkusTest
class StaffTokenRejectionTest {

    /** The Origin of the staff console in tests, on the relay's allow-list. */
    private static final String ORIGIN = TestPorts.base();
    private static final String VALID = TestTokens.advisor1();
    /** Every kind of bad staff token, each otherwise claiming to be advisor1. */
    private static final Map<String, String> BAD = badTokens();

    @TestHTTPResource("/")
    URI base;

    @Test
    void apiAnswersEveryBadStaffTokenWith401Problem() {
        as(VALID).get("/api/sessions").then().statusCode(200);
        assertAll(BAD.entrySet().stream().map(bad -> (Executable) () -> {
            String kind = bad.getKey();
            Response response = as(bad.getValue()).get("/api/sessions");
            assertEquals(401, response.statusCode(), kind + ": " + response.asString());
            assertEquals("application/problem+json", response.contentType(), kind);
            assertEquals("urn:tandem:problem:unauthenticated", response.jsonPath().getString("type"), kind);
            assertEquals(401, response.jsonPath().getInt("status"), kind);
            assertEquals("Bearer", response.header("WWW-Authenticate"), kind);
            assertFalse(response.asString().contains(bad.getValue()), kind + ": the token is echoed");
            Response create = as(bad.getValue()).body(Map.of("customer", Map.of("name", "Never Nina"), "purpose",
                    "forged")).post("/api/sessions");
            assertEquals(401, create.statusCode(), kind + ": " + create.asString());
            assertEquals("application/problem+json", create.contentType(), kind);
        }));
    }

    @Test
    void relayRefusesTheUpgradeForEveryBadStaffTokenWith401() {
        String id = newSession(VALID, "Token Tess").getString("id");
        try (RelayClient advisor = RelayClient.connect(base, id, "Bearer " + VALID, ORIGIN).hello()) {
            assertEquals("advisor", advisor.welcome().json().path("role").asText());
        }
        assertAll(BAD.entrySet().stream().map(bad -> (Executable) () -> assertEquals(401, upgrade(id, bad
                .getValue()), bad.getKey())));
    }

    @Test
    void noStaffTokenReachesTheLog() {
        String id = newSession(VALID, "Quiet Quinn").getString("id");
        try (LogCapture log = LogCapture.attach()) {
            as(VALID).get("/api/sessions").then().statusCode(200);
            assertEquals(101, upgrade(id, VALID));
            for (String token : BAD.values()) {
                as(token).get("/api/sessions").then().statusCode(401);
                assertEquals(401, upgrade(id, token));
            }
            // the relay logs refused origins: seeing that line proves the capture hears the application's log
            String evil = "https://evil.example";
            assertEquals(403, refusal(() -> RelayClient.connect(base, id, "Bearer " + VALID, evil)));
            await().atMost(Duration.ofSeconds(5)).until(() -> log.contains("Refused relay upgrade from origin "
                    + evil));
            List<String> tokens = Stream.concat(Stream.of(VALID), BAD.values().stream()).toList();
            assertAll(tokens.stream().flatMap(StaffTokenRejectionTest::secretParts).map(part -> (Executable) () -> {
                assertFalse(log.contains(part), () -> "logged: " + log.lineWith(part));
            }));
        }
    }

    /** 101 if the relay upgraded (the socket is closed again at once), else the HTTP status of the refusal. */
    private int upgrade(String sessionId, String token) {
        try (RelayClient client = RelayClient.connect(base, sessionId, "Bearer " + token, ORIGIN)) {
            return 101;
        } catch (Refused refused) {
            return refused.status;
        }
    }

    private static int refusal(Runnable connect) {
        try {
            connect.run();
        } catch (Refused refused) {
            return refused.status;
        }
        throw new AssertionError("upgraded");
    }

    private static Map<String, String> badTokens() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("wrong issuer", advisor1Claims().issuer("https://issuer.evil.example").sign());
        bad.put("wrong audience", advisor1Claims().audience("https://another-service.example.com").sign());
        bad.put("expired", advisor1Claims().issuedAt(Instant.now().minus(Duration.ofHours(2)))
                .expiresAt(Instant.now().minus(Duration.ofHours(1))).sign());
        String[] signed = advisor1Claims().sign().split("\\.");
        bad.put("tampered signature", signed[0] + "." + signed[1] + "." + flipMiddle(signed[2]));
        String supervisor = TestTokens.claims("sub-advisor1", "advisor1", "Alice Archer", "supervisor").sign()
                .split("\\.")[1];
        bad.put("tampered claims", signed[0] + "." + supervisor + "." + signed[2]);
        bad.put("alg none", base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + signed[1] + ".");
        bad.put("unknown signing key", TestTokens.forged("sub-advisor1", "advisor"));
        return bad;
    }

    private static JwtClaimsBuilder advisor1Claims() {
        return TestTokens.claims("sub-advisor1", "advisor1", "Alice Archer", "advisor");
    }

    /** Changes characters in the middle, where every base64url bit is signature (the last may be padding bits). */
    private static String flipMiddle(String signature) {
        char[] chars = signature.toCharArray();
        for (int i = chars.length / 2; i < chars.length / 2 + 4; i++) {
            chars[i] = chars[i] == 'A' ? 'B' : 'A';
        }
        return new String(chars);
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The whole token, its claims and its signature: a log line must hold none of them. */
    private static Stream<String> secretParts(String token) {
        String[] parts = token.split("\\.", -1);
        return Stream.of(token, parts[1], parts[2]).filter(part -> !part.isEmpty());
    }

    /** Every record logged while attached to the root logger, rendered with parameters, MDC and stack trace. */
    private static final class LogCapture extends Handler implements AutoCloseable {

        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final java.util.logging.Logger root = LogContext.getLogContext().getLogger("");

        static LogCapture attach() {
            LogCapture capture = new LogCapture();
            capture.setLevel(Level.ALL);
            capture.root.addHandler(capture);
            return capture;
        }

        boolean contains(String text) {
            return lines.stream().anyMatch(line -> line.contains(text));
        }

        String lineWith(String text) {
            return lines.stream().filter(line -> line.contains(text)).findFirst().orElse(null);
        }

        @Override
        public void publish(LogRecord record) {
            StringBuilder line = new StringBuilder().append(record.getLevel()).append(" [")
                    .append(record.getLoggerName()).append("] ");
            if (record instanceof ExtLogRecord ext) {
                line.append(ext.getFormattedMessage()).append(" mdc=").append(ext.getMdcCopy()).append(" ndc=")
                        .append(ext.getNdc());
            } else {
                line.append(new SimpleFormatter().formatMessage(record));
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append('\n').append(trace);
            }
            lines.add(line.toString());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {
            root.removeHandler(this);
        }
    }
}

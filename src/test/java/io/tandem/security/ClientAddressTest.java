package io.tandem.security;

import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tandem.testing.SettingsOfTheirOwn;
import io.tandem.testing.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Without {@code TANDEM_TRUST_PROXY} (production's default) X-Forwarded-For is ignored: a client cannot dodge the
 * per-address limit on join codes by naming a new address in each request.
 */
@QuarkusTest
@TestProfile(SettingsOfTheirOwn.class)
class ClientAddressTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void aNewXForwardedForInEachRequestDoesNotDodgeThePerAddressLimit() throws IOException {
        String code = newSession(TestTokens.advisor1(), "Spoofed Sid").getString("code");
        String wrong = code.equals("999999") ? "999998" : "999999";
        List<String> answers = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            answers.add(join(wrong, "203.0.113." + i));
        }
        String last = answers.get(answers.size() - 1);
        assertTrue(last.startsWith("HTTP/1.1 429") && last.contains("from this address"),
                "six wrong codes from one peer, each naming another X-Forwarded-For, were all counted as one address's:"
                        + " " + answers);
    }

    /**
     * POST /api/join from the loopback address 127.0.0.2 (this test's own peer address, so its count touches no other
     * test), naming {@code forwardedFor}; the status line and body.
     */
    private String join(String code, String forwardedFor) throws IOException {
        byte[] body = ("{\"code\":\"" + code + "\"}").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), base.getPort(),
                InetAddress.getByName("127.0.0.2"), 0)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/join HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nContent-Type: application/json\r\nX-Forwarded-For: " + forwardedFor
                    + "\r\nConnection: close\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

package io.tandem.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The standalone server needs the app's JWKS URL and allowed origins, and fails fast, naming the variable, without. */
class SignalingMainTest {

    @Test
    void readsTheJwksUrl() {
        assertNotNull(SignalingMain.keys(Map.of("TANDEM_SIGNALING_JWKS_URL",
                " https://tandem.example/api/signaling/jwks ")).resolver());
    }

    @Test
    void refusesAMissingOrNonHttpJwksUrlNamingTheVariable() {
        for (Map<String, String> env : List.of(Map.<String, String>of(), Map.of("TANDEM_SIGNALING_JWKS_URL", " "),
                Map.of("TANDEM_SIGNALING_JWKS_URL", "file:///etc/jwks.json"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SignalingMain.keys(env));
            assertTrue(e.getMessage().contains("TANDEM_SIGNALING_JWKS_URL"), e.getMessage());
        }
    }

    @Test
    void readsTheAllowedOrigins() {
        SignalingConfig config = SignalingMain.config(Map.of("TANDEM_SIGNALING_ALLOWED_ORIGINS",
                " https://Tandem.example/ , https://www.insurer.example:8443"));

        assertEquals(Set.of("https://tandem.example", "https://www.insurer.example:8443"),
                config.allowedOrigins().allowed());
    }

    @Test
    void refusesMissingOrMalformedAllowedOriginsNamingTheVariable() {
        for (Map<String, String> env : List.of(Map.<String, String>of(),
                Map.of("TANDEM_SIGNALING_ALLOWED_ORIGINS", " , "),
                Map.of("TANDEM_SIGNALING_ALLOWED_ORIGINS", "tandem.example"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SignalingMain.config(env));
            assertTrue(e.getMessage().contains("TANDEM_SIGNALING_ALLOWED_ORIGINS"), e.getMessage());
        }
    }

    @Test
    void theRedisUrlIsOptionalButMustBeRedis() {
        assertEquals(null, SignalingMain.redisUrl(Map.of()));
        assertEquals(URI.create("rediss://user:secret@redis.example:6380"), SignalingMain.redisUrl(Map.of(
                "TANDEM_SIGNALING_REDIS_URL", " rediss://user:secret@redis.example:6380 ")));
        for (String bad : List.of("http://redis:6379", "redis:6379", "not a url")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SignalingMain.redisUrl(
                    Map.of("TANDEM_SIGNALING_REDIS_URL", bad)));
            assertTrue(e.getMessage().contains("TANDEM_SIGNALING_REDIS_URL"), e.getMessage());
        }
    }
}

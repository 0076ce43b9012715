package io.tandem.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** TURN REST credentials against known vectors (computed independently with openssl dgst -sha1 -hmac ... | base64). */
class TurnCredentialsTest {

    @Test
    void usernameIsExpiryColonUserAndPasswordIsBase64HmacSha1() {
        TurnCredentials.Credential c = TurnCredentials.mint("north", "advisor-1", Instant.ofEpochSecond(1700000000));
        assertEquals("1700000000:advisor-1", c.username());
        // echo -n "1700000000:advisor-1" | openssl dgst -sha1 -hmac north -binary | base64
        assertEquals("IF0W+uMKwZzhuEk2TrMdVlOmBlA=", c.password());
        assertEquals(Instant.ofEpochSecond(1700000000), c.expiresAt());
    }

    @Test
    void secondKnownVector() {
        // echo -n "1433895918:anonymous" | openssl dgst -sha1 -hmac north -binary | base64
        assertEquals("RYCfSMxyapjXBVYDxisXXjEuAe4=", TurnCredentials.password("north", "1433895918:anonymous"));
    }

    @Test
    void aUserIdWithAColonIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> TurnCredentials.mint("north", "a:b", Instant.ofEpochSecond(1)));
    }
}

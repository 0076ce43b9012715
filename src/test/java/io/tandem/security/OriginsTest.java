package io.tandem.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Configured site and app URLs become the origins browsers send, whatever their case, path or trailing slash. */
class OriginsTest {

    @Test
    void originIsSchemeHostAndPortInLowerCase() {
        assertEquals("https://www.insurer.example", Origins.of(" https://WWW.Insurer.example/ "));
        assertEquals("https://www.insurer.example", Origins.of("https://www.insurer.example/policies?x=1"));
        assertEquals("http://127.0.0.1:8081", Origins.of("http://127.0.0.1:8081"));
        assertEquals("ws://localhost:8444", Origins.of("ws://localhost:8444/signal"));
    }

    @Test
    void relativeOrMalformedValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Origins.of("/demo/"));
        assertThrows(IllegalArgumentException.class, () -> Origins.of("http://bad host"));
    }
}

package io.tandem.relay.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Close codes are the documented ones, unique, and usable in a WebSocket close frame. */
class CloseCodeTest {

    @Test
    void everyCloseCodeIsInTheProtocolDocumentAndEveryDocumentedCodeExists() throws IOException {
        Set<Integer> documented = new TreeSet<>();
        for (List<String> row : MessageTypeTest.tableRows("### Close codes")) {
            documented.add(Integer.parseInt(row.get(0)));
        }
        Set<Integer> codes = Arrays.stream(CloseCode.values()).map(CloseCode::code)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(documented, codes);
    }

    @Test
    void codesAreUniqueApplicationCodesWithShortReasons() {
        assertEquals(CloseCode.values().length, Arrays.stream(CloseCode.values()).map(CloseCode::code).distinct()
                .count());
        for (CloseCode c : CloseCode.values()) {
            assertTrue(c == CloseCode.GOING_AWAY || c.code() >= 4000 && c.code() <= 4999, c.name());
            assertFalse(c.reason().isBlank(), c.name());
            // a close frame's reason must fit in 123 bytes of UTF-8
            assertTrue(c.reason().getBytes(StandardCharsets.UTF_8).length <= 123, c.name());
        }
    }

    @Test
    void namedCodesHaveTheirDocumentedNumbers() {
        assertEquals(1001, CloseCode.GOING_AWAY.code());
        assertEquals(4400, CloseCode.BAD_MESSAGE.code());
        assertEquals(4401, CloseCode.UNAUTHENTICATED.code());
        assertEquals(4403, CloseCode.FORBIDDEN.code());
        assertEquals(4404, CloseCode.UNKNOWN_SESSION.code());
        assertEquals(4408, CloseCode.IDLE_TIMEOUT.code());
        assertEquals(4409, CloseCode.SESSION_ENDED.code());
        assertEquals(4410, CloseCode.REPLACED.code());
        assertEquals(4413, CloseCode.TOO_LARGE.code());
        assertEquals(4429, CloseCode.RATE_LIMITED.code());
        assertEquals(4503, CloseCode.SLOW_CONSUMER.code());
    }
}

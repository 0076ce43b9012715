package io.tandem.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SecretsTest {

    private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern CODE = Pattern.compile("[1-9][0-9]{5}");

    @Test
    void tokensAre43UrlSafeCharactersCarrying256Bits() {
        for (int i = 0; i < 100; i++) {
            String token = Secrets.newToken();
            assertTrue(URL_SAFE.matcher(token).matches(), token);
            byte[] bits = Base64.getUrlDecoder().decode(token);
            assertEquals(32, bits.length);
            assertTrue(bits.length * 8 >= 128);
            assertTrue(Secrets.isToken(token), token);
        }
    }

    @Test
    void thousandTokensAreAllDistinct() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            tokens.add(Secrets.newToken());
        }
        assertEquals(1000, tokens.size());
    }

    @Test
    void codesAreSixDigitsWithoutLeadingZero() {
        Set<Character> firstDigits = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String code = Secrets.newCode();
            assertTrue(CODE.matcher(code).matches(), code);
            assertTrue(Secrets.isCode(code), code);
            firstDigits.add(code.charAt(0));
        }
        // 10 000 draws miss one of nine first digits with negligible probability; this catches a stuck generator.
        assertEquals(9, firstDigits.size(), firstDigits.toString());
    }

    @Test
    void isCodeAcceptsOnlySixAsciiDigits() {
        assertTrue(Secrets.isCode("123456"));
        assertTrue(Secrets.isCode("999999"));

        assertFalse(Secrets.isCode(null));
        assertFalse(Secrets.isCode(""));
        assertFalse(Secrets.isCode("12345"));
        assertFalse(Secrets.isCode("1234567"));
        assertFalse(Secrets.isCode("12345a"));
        assertFalse(Secrets.isCode("12 456"));
        assertFalse(Secrets.isCode(" 123456"));
        assertFalse(Secrets.isCode("-12345"));
        assertFalse(Secrets.isCode("12345\u0663"), "Arabic-Indic digit three");
        assertFalse(Secrets.isCode("\u0661\u0662\u0663\u0664\u0665\u0666"), "Arabic-Indic digits");
        assertFalse(Secrets.isCode("１２３４５６"), "fullwidth digits");
    }

    @Test
    void isTokenAcceptsOnly43UrlSafeAsciiCharacters() {
        String token = Secrets.newToken();
        String valid = "A".repeat(21) + "z09-_" + "b".repeat(17);
        assertEquals(43, valid.length());
        assertTrue(Secrets.isToken(valid));

        assertFalse(Secrets.isToken(null));
        assertFalse(Secrets.isToken(""));
        assertFalse(Secrets.isToken(token.substring(1)), "42 characters");
        assertFalse(Secrets.isToken(token + "A"), "44 characters");
        assertFalse(Secrets.isToken(token.substring(1) + "="), "padding");
        assertFalse(Secrets.isToken(token.substring(1) + "+"), "standard base64 alphabet");
        assertFalse(Secrets.isToken(token.substring(1) + "/"), "standard base64 alphabet");
        assertFalse(Secrets.isToken(token.substring(1) + "."));
        assertFalse(Secrets.isToken(token.substring(1) + " "));
        assertFalse(Secrets.isToken(token.substring(1) + "é"), "non-ASCII letter");
        assertFalse(Secrets.isToken(token.substring(1) + "\u0663"), "Arabic-Indic digit");
    }

    @Test
    void sha256IsThirtyTwoDeterministicBytes() {
        byte[] hash = Secrets.sha256("abc");

        assertEquals(32, hash.length);
        assertArrayEquals(hash, Secrets.sha256("abc"));
        // FIPS 180-2 test vector.
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                HexFormat.of().formatHex(hash));
        assertFalse(Arrays.equals(hash, Secrets.sha256("abd")));
    }

    @Test
    void sha256HashesTheUtf8Bytes() {
        // SHA-256 of C3 A9 (UTF-8 for e-acute), not of the Latin-1 byte E9.
        assertEquals("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c",
                HexFormat.of().formatHex(Secrets.sha256("\u00e9")));
    }
}

package io.granary.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawHeaderValueTest {
    /** A header value as Netty hands it over: one char per byte. */
    private static String asReceived(byte[] raw) {
        return new String(raw, StandardCharsets.ISO_8859_1);
    }

    @Test
    void utf8BytesAreReadAsTheCharactersTheClientSigned() {
        assertEquals("Zürich 日本", RawHeaderValue.decoded(asReceived("Zürich 日本".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void asciiAndBytesThatAreNotUtf8StayAsReceived() {
        assertEquals("plain", RawHeaderValue.decoded("plain"));
        byte[] latin1 = {'Z', (byte) 0xFC, 'r', 'i', 'c', 'h'};
        assertEquals("Z\u00fcrich", RawHeaderValue.decoded(asReceived(latin1)));
    }

    @Test
    void nonAsciiValuesGoOutAsRfc2047Words() {
        assertEquals("ascii value", RawHeaderValue.mailSafe("ascii value"));
        assertEquals("=?UTF-8?B?WsO8cmljaA==?=", RawHeaderValue.mailSafe("Zürich"));
    }
}

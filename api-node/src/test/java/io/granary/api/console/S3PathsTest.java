package io.granary.api.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class S3PathsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "plain/key.txt|plain/key.txt",
        "a b+c&d|a%20b%2Bc%26d",
        "é%|%C3%A9%25",
        "unreserved-._~|unreserved-._~",
        "quote\"'()*!|quote%22%27%28%29%2A%21",
    })
    void encodesEveryByteButUnreservedAndSlash(String key, String encoded) {
        assertEquals(encoded, S3Paths.encode(key));
    }
}

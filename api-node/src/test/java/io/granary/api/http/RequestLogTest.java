package io.granary.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestLogTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "an access key stays as it is|GKA1B2C3D4|GKA1B2C3D4",
        "anonymous is empty||",
        "quotes and spaces become ?|GK\" x|GK??x",
        "non-ASCII letters become ?|GKé|GK?"})
    void logsOnlyLettersAndDigitsOfTheNamedKey(String name, String key, String logged) {
        assertEquals(logged == null ? "" : logged, RequestLog.printable(key == null ? "" : key));
    }

    @Test
    void aKeyWithLineBreaksCannotStartALogLine() {
        assertEquals("GK??2026?ERROR", RequestLog.printable("GK\r\n2026 ERROR"));
    }
}

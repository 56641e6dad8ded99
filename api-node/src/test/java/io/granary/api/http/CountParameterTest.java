package io.granary.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import org.junit.jupiter.api.Test;

class CountParameterTest {

    @Test
    void parsesNonNegativeIntegersAndRefusesTheRest() {
        assertEquals(7, CountParameter.parse("max-parts", null, 7));
        assertEquals(0, CountParameter.parse("max-parts", "0", 7));
        assertEquals(12, CountParameter.parse("max-parts", " 12 ", 7));
        for (String bad : new String[] {"-1", "x", "", "99999999999"}) {
            S3Exception e = assertThrows(S3Exception.class, () -> CountParameter.parse("max-parts", bad, 7));
            assertEquals(S3Error.INVALID_ARGUMENT, e.error());
            assertEquals("max-parts", e.extras().get("ArgumentName"));
        }
    }
}

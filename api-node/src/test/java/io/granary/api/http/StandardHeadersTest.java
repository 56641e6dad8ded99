package io.granary.api.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StandardHeadersTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "deflate, gzip | deflate, gzip",
        "gzip | gzip",
        "aws-chunked | -",
        "aws-chunked, gzip | gzip",
        "aws-chunked,gzip | gzip",
        "gzip,aws-chunked | gzip",
        "deflate, aws-chunked, gzip | deflate, gzip",
        "deflate,  AWS-CHUNKED ,br | deflate,br",
    })
    void contentEncodingIsStoredByteForByteWithoutAwsChunked(String sent, String stored) {
        assertEquals(stored, StandardHeaders.parse(Map.of(S3Headers.CONTENT_ENCODING, sent)::get).contentEncoding());
    }

    @Test
    void responseOverridesHoldingCrOrLfAreInvalidArgument() {
        Query split = Query.parse("response-content-type=text%2Fplain%0D%0AX-Evil%3A%201");
        S3Exception e = assertThrows(S3Exception.class, () -> StandardHeaders.checkOverrides(split));
        assertEquals(S3Error.INVALID_ARGUMENT, e.error());
        assertEquals("response-content-type", e.extras().get("ArgumentName"));
        Query lf = Query.parse("response-expires=a%0Ab");
        assertThrows(S3Exception.class, () -> StandardHeaders.checkOverrides(lf));
        Query fine = Query.parse("response-content-type=text%2Fplain%3B%20a%3Db&prefix=a%0Ab");
        assertDoesNotThrow(() -> StandardHeaders.checkOverrides(fine));
    }
}

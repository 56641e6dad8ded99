package io.granary.api.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.vertx.core.MultiMap;
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
        MultiMap split = MultiMap.caseInsensitiveMultiMap().add("response-content-type", "text/plain\r\nX-Evil: 1");
        S3Exception e = assertThrows(S3Exception.class, () -> StandardHeaders.checkOverrides(split));
        assertEquals(S3Error.INVALID_ARGUMENT, e.error());
        assertEquals("response-content-type", e.extras().get("ArgumentName"));
        MultiMap lf = MultiMap.caseInsensitiveMultiMap().add("response-expires", "a\nb");
        assertThrows(S3Exception.class, () -> StandardHeaders.checkOverrides(lf));
        MultiMap fine = MultiMap.caseInsensitiveMultiMap().add("response-content-type", "text/plain; a=b")
                .add("prefix", "a\nb");
        assertDoesNotThrow(() -> StandardHeaders.checkOverrides(fine));
    }
}

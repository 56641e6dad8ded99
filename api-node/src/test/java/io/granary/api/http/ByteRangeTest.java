package io.granary.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteRangeTest {

    @ParameterizedTest(name = "{0} of {1} bytes -> {2}..{3}")
    @CsvSource({
        "'bytes=0-0', 10, 0, 0",
        "'bytes=0-9', 10, 0, 9",
        "'bytes=2-', 10, 2, 9",
        "'bytes=-3', 10, 7, 9",
        "'bytes=-30', 10, 0, 9",
        "'bytes=5-100', 10, 5, 9",
        "'bytes=9-9', 10, 9, 9",
        "' bytes=1-2 ', 10, 1, 2"})
    void satisfiableRangesResolveAgainstTheObjectSize(String header, long size, long first, long last) {
        ByteRange range = ByteRange.parse(header, size);
        assertEquals(new ByteRange(first, last), range);
        assertEquals("bytes " + first + "-" + last + "/" + size, range.contentRange(size));
    }

    @ParameterizedTest(name = "{0} is ignored")
    @CsvSource({"'items=0-1'", "'bytes=a-b'", "'bytes=5-2'", "'bytes=0-1,3-4'", "'bytes=-'", "'bytes=1'"})
    void malformedOrMultipleRangesAreIgnoredLikeS3(String header) {
        assertNull(ByteRange.parse(header, 10));
    }

    @ParameterizedTest(name = "{0} of {1} bytes is 416")
    @CsvSource({"'bytes=10-', 10", "'bytes=10-20', 10", "'bytes=0-', 0", "'bytes=-0', 10"})
    void rangesPastTheEndAreInvalidRange(String header, long size) {
        S3Exception e = assertThrows(S3Exception.class, () -> ByteRange.parse(header, size));
        assertEquals(S3Error.INVALID_RANGE, e.error());
        assertEquals(416, e.error().status());
    }
}

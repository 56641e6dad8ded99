package io.granary.api.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionalsTest {
    private static final String ETAG = "\"0cc175b9c0f1b6a831c399e269772661\"";
    private static final Instant MODIFIED = Instant.parse("2026-11-20T10:00:00.500Z");
    private static final String BEFORE = "Thu, 19 Nov 2026 10:00:00 GMT";
    private static final String AT = "Fri, 20 Nov 2026 10:00:00 GMT";

    private static Conditionals request(Map<String, String> headers) {
        return Conditionals.ofRequest(headers::get);
    }

    private static S3Error outcome(Conditionals c) {
        try {
            c.check(ETAG, MODIFIED);
            return null;
        } catch (S3Exception e) {
            return e.error();
        }
    }

    @Test
    void ifMatchAndIfNoneMatchCompareEntityTags() {
        assertEquals(null, outcome(request(Map.of("If-Match", ETAG))));
        assertEquals(null, outcome(request(Map.of("If-Match", "\"x\", " + ETAG))));
        assertEquals(null, outcome(request(Map.of("If-Match", "*"))));
        assertEquals(S3Error.PRECONDITION_FAILED, outcome(request(Map.of("If-Match", "\"other\""))));
        assertEquals(S3Error.NOT_MODIFIED, outcome(request(Map.of("If-None-Match", ETAG))));
        assertEquals(null, outcome(request(Map.of("If-None-Match", "\"other\""))));
    }

    @Test
    void datesCompareAtSecondPrecision() {
        assertEquals(S3Error.NOT_MODIFIED, outcome(request(Map.of("If-Modified-Since", AT))));
        assertEquals(null, outcome(request(Map.of("If-Modified-Since", BEFORE))));
        assertEquals(null, outcome(request(Map.of("If-Unmodified-Since", AT))));
        assertEquals(S3Error.PRECONDITION_FAILED, outcome(request(Map.of("If-Unmodified-Since", BEFORE))));
        assertEquals(null, outcome(request(Map.of("If-Modified-Since", "not a date"))));
    }

    @Test
    void aTrueEntityTagConditionOverridesItsDatePartnerLikeS3() {
        assertEquals(null, outcome(request(Map.of("If-Match", ETAG, "If-Unmodified-Since", BEFORE))));
        assertEquals(null, outcome(request(Map.of("If-None-Match", "\"other\"", "If-Modified-Since", AT))));
    }

    @Test
    void copySourceConditionsFailWith412Only() {
        Conditionals c = Conditionals.ofCopySource(Map.of("x-amz-copy-source-if-none-match", ETAG)::get);
        S3Exception e = assertThrows(S3Exception.class, () -> c.check(ETAG, MODIFIED));
        assertEquals(S3Error.PRECONDITION_FAILED, e.error());
        assertEquals("x-amz-copy-source-if-none-match", e.extras().get("Condition"));
        assertDoesNotThrow(() -> Conditionals.ofCopySource(Map.<String, String>of()::get).check(ETAG, MODIFIED));
    }

    @Test
    void theSameHeadersBecomeAWriteConditionWithDatesInMillis() {
        io.granary.metadata.store.PutCondition condition = request(Map.of("If-Match", " " + ETAG + " ",
                "If-None-Match", "*", "If-Modified-Since", BEFORE, "If-Unmodified-Since", AT)).forWrite();
        assertEquals(ETAG, condition.ifMatch());
        assertEquals("*", condition.ifNoneMatch());
        assertEquals(Instant.parse("2026-11-19T10:00:00Z").toEpochMilli(), condition.ifModifiedSinceMillis());
        assertEquals(Instant.parse("2026-11-20T10:00:00Z").toEpochMilli(), condition.ifUnmodifiedSinceMillis());
        assertEquals(true, request(Map.of()).forWrite().isNone());
    }
}

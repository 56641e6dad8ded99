package io.granary.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.metadata.model.ObjectLock;
import io.vertx.core.MultiMap;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObjectLockHeadersTest {
    private static final long NOW = Instant.parse("2026-12-03T12:00:00Z").toEpochMilli();

    private static MultiMap headers(String... pairs) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < pairs.length; i += 2) headers.add(pairs[i], pairs[i + 1]);
        return headers;
    }

    @Test
    void readsARetentionAndALegalHold() {
        ObjectLock lock = ObjectLockHeaders.parse(headers("X-Amz-Object-Lock-Mode", "COMPLIANCE",
                "x-amz-object-lock-retain-until-date", "2027-01-01T00:00:00.000Z",
                "x-amz-object-lock-legal-hold", "ON"), NOW);
        assertEquals(new ObjectLock("COMPLIANCE", Instant.parse("2027-01-01T00:00:00Z").toEpochMilli(), true), lock);
        assertEquals(new ObjectLock(null, 0, false), ObjectLockHeaders.parse(headers("x-amz-object-lock-legal-hold",
                "OFF"), NOW));
        assertNull(ObjectLockHeaders.parse(headers("x-amz-meta-a", "b"), NOW));
    }

    @ParameterizedTest(name = "{0}={1} {2}={3}")
    @CsvSource(nullValues = "-", value = {
        "x-amz-object-lock-mode, GOVERNANCE, -, -",
        "x-amz-object-lock-retain-until-date, 2027-01-01T00:00:00Z, -, -",
        "x-amz-object-lock-mode, FOREVER, x-amz-object-lock-retain-until-date, 2027-01-01T00:00:00Z",
        "x-amz-object-lock-mode, GOVERNANCE, x-amz-object-lock-retain-until-date, tomorrow",
        "x-amz-object-lock-mode, GOVERNANCE, x-amz-object-lock-retain-until-date, 2026-12-01T00:00:00Z",
        "x-amz-object-lock-legal-hold, on, -, -",
        "x-amz-object-lock-anything, x, -, -",
    })
    void refusesWhatS3RefusesAsInvalidArgument(String name, String value, String other, String otherValue) {
        MultiMap headers = other == null ? headers(name, value) : headers(name, value, other, otherValue);
        S3Exception e = assertThrows(S3Exception.class, () -> ObjectLockHeaders.parse(headers, NOW));
        assertEquals(S3Error.INVALID_ARGUMENT, e.error());
    }

    @Test
    void theBucketFlagAndTheBypassAreBooleans() {
        assertTrue(ObjectLockHeaders.bucketLockRequested(headers("x-amz-bucket-object-lock-enabled", "True")));
        assertFalse(ObjectLockHeaders.bucketLockRequested(headers("x-amz-bucket-object-lock-enabled", "false")));
        assertFalse(ObjectLockHeaders.bucketLockRequested(headers()));
        assertThrows(S3Exception.class, () -> ObjectLockHeaders.bucketLockRequested(
                headers("x-amz-bucket-object-lock-enabled", "yes")));
        assertTrue(ObjectLockHeaders.bypassGovernance(headers("x-amz-bypass-governance-retention", "true")));
        assertFalse(ObjectLockHeaders.bypassGovernance(headers("x-amz-bypass-governance-retention", "false")));
    }
}

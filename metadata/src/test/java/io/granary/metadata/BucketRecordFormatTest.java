package io.granary.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.model.CorsRule;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bucket records as stored: v3 carries the owner account and CORS rules; v2 records read without CORS, v1 records
 * (before accounts) as the system's.
 */
class BucketRecordFormatTest {

    /** A value as an older version wrote it: its format-version byte, then its JSON. */
    private static byte[] stored(int version, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        byte[] stored = new byte[bytes.length + 1];
        stored[0] = (byte) version;
        System.arraycopy(bytes, 0, stored, 1, bytes.length);
        return stored;
    }

    @Test
    void aVersionOneRecordDecodesWithNoOwnerAccount() {
        String v1 = "{\"name\":\"photos\",\"id\":7,\"owner\":\"5a2b0c\",\"createdMillis\":1700000000000,"
                + "\"region\":\"us-east-1\",\"policy\":\"{}\"}";
        BucketRecord bucket = Schema.BUCKETS.codec().decode(stored(1, v1));
        assertEquals(new BucketRecord("photos", 7, null, 1700000000000L, "us-east-1", "{}"), bucket);
        assertNull(bucket.ownerAccountId());
    }

    @Test
    void aVersionTwoRecordDecodesWithNoCorsRules() {
        String v2 = "{\"name\":\"docs\",\"id\":8,\"ownerAccountId\":\"123456789012\",\"createdMillis\":1,"
                + "\"region\":\"eu-west-1\"}";
        BucketRecord bucket = Schema.BUCKETS.codec().decode(stored(2, v2));
        assertEquals(new BucketRecord("docs", 8, "123456789012", 1L, "eu-west-1", null), bucket);
        assertNull(bucket.cors());
    }

    @Test
    void versionThreeKeepsTheOwnerAccountAndCorsRules() {
        BucketRecord bucket = new BucketRecord("docs", 8, "123456789012", 1L, "eu-west-1", null, List.of(
                new CorsRule("r1", List.of("https://*.example.com"), List.of("GET", "PUT"), List.of("*"),
                        List.of("ETag"), 3000),
                new CorsRule(null, List.of("*"), List.of("HEAD"), null, null, null)));
        byte[] stored = Schema.BUCKETS.codec().encode(bucket);
        assertEquals(3, stored[0]);
        assertEquals(bucket, Schema.BUCKETS.codec().decode(stored));
    }
}

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

    @Test
    void aVersionOneRecordDecodesWithNoOwnerAccount() {
        String v1 = "{\"name\":\"photos\",\"id\":7,\"owner\":\"5a2b0c\",\"createdMillis\":1700000000000,"
                + "\"region\":\"us-east-1\",\"policy\":\"{}\"}";
        byte[] json = v1.getBytes(StandardCharsets.UTF_8);
        byte[] stored = new byte[json.length + 1];
        stored[0] = 1;
        System.arraycopy(json, 0, stored, 1, json.length);
        BucketRecord bucket = Schema.BUCKETS.codec().decode(stored);
        assertEquals(new BucketRecord("photos", 7, null, 1700000000000L, "us-east-1", "{}"), bucket);
        assertNull(bucket.ownerAccountId());
    }

    @Test
    void aVersionTwoRecordDecodesWithNoCorsRules() {
        String v2 = "{\"name\":\"docs\",\"id\":8,\"ownerAccountId\":\"123456789012\",\"createdMillis\":1,"
                + "\"region\":\"eu-west-1\"}";
        byte[] json = v2.getBytes(StandardCharsets.UTF_8);
        byte[] stored = new byte[json.length + 1];
        stored[0] = 2;
        System.arraycopy(json, 0, stored, 1, json.length);
        BucketRecord bucket = Schema.BUCKETS.codec().decode(stored);
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

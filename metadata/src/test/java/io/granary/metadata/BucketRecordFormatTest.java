package io.granary.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.granary.metadata.model.BucketRecord;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bucket records as stored: v2 carries the owner account; v1 records (before accounts) decode as the system's. */
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
    void versionTwoKeepsTheOwnerAccount() {
        BucketRecord bucket = new BucketRecord("docs", 8, "123456789012", 1L, "eu-west-1", null);
        byte[] stored = Schema.BUCKETS.codec().encode(bucket);
        assertEquals(2, stored[0]);
        assertEquals(bucket, Schema.BUCKETS.codec().decode(stored));
    }
}

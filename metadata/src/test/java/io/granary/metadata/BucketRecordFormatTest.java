package io.granary.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.granary.metadata.model.Acl;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.model.CorsRule;
import io.granary.metadata.model.DefaultEncryption;
import io.granary.metadata.model.Encryption;
import io.granary.metadata.model.ObjectLayout;
import io.granary.metadata.model.NotificationRule;
import io.granary.metadata.model.ObjectLock;
import io.granary.metadata.model.ObjectLockConfiguration;
import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.model.PartLayout;
import io.granary.metadata.model.PublicAccessBlock;
import io.granary.metadata.model.Sealing;
import io.granary.records.VersionedJsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Records as stored: bucket v2 carries the owner account (v1 records, before accounts, decode as the system's),
 * v3 the ACL, ownership, public access block and CORS rules; object v2 the ACL (v1 decodes without one).
 */
class BucketRecordFormatTest {

    /** A value as an older version wrote it: its format-version byte, then its JSON. */
    private static byte[] stored(int version, String json) {
        return VersionedJsonCodec.frame(version, json.getBytes(StandardCharsets.UTF_8));
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
    void aVersionTwoRecordDecodesWithoutAclOwnershipPublicAccessBlockOrCors() {
        BucketRecord bucket = Schema.BUCKETS.codec().decode(stored(2, "{\"name\":\"docs\",\"id\":8,"
                + "\"ownerAccountId\":\"123456789012\",\"createdMillis\":1,\"region\":\"eu-west-1\"}"));
        assertEquals(new BucketRecord("docs", 8, "123456789012", 1L, "eu-west-1", null), bucket);
        assertNull(bucket.acl());
        assertNull(bucket.objectOwnership());
        assertNull(bucket.publicAccessBlock());
        assertNull(bucket.cors());
        assertNull(bucket.tags());
    }

    @Test
    void theCurrentVersionKeepsOwnerAclOwnershipAccessBlockCorsTagsInOrderVersioningObjectLockAndEncryption() {
        Acl acl = new Acl("c".repeat(64), List.of(new Acl.Grant("c".repeat(64), null, "FULL_CONTROL"),
                new Acl.Grant(null, "http://acs.amazonaws.com/groups/global/AllUsers", "READ")));
        BucketRecord bucket = new BucketRecord("docs", 8, "123456789012", 1L, "eu-west-1", null, acl,
                "BucketOwnerPreferred", new PublicAccessBlock(true, false, true, false), List.of(
                new CorsRule("r1", List.of("https://*.example.com"), List.of("GET", "PUT"), List.of("*"),
                        List.of("ETag"), 3000),
                new CorsRule(null, List.of("*"), List.of("HEAD"), null, null, null)),
                Map.of("team", "a")).withTags(orderedTags()).withVersioning(BucketRecord.VERSIONING_ENABLED)
                .withObjectLock(new ObjectLockConfiguration(ObjectLock.COMPLIANCE, null, 7))
                .withEncryption(new DefaultEncryption(Encryption.AES256, null, true))
                .withNotifications(List.of(new NotificationRule("n1", "Queue",
                        "arn:granary:webhook:eu-west-1:123456789012:hook", List.of("s3:ObjectCreated:*"), "a/", "")));
        byte[] stored = Schema.BUCKETS.codec().encode(bucket);
        assertEquals(7, stored[0]);
        BucketRecord decoded = Schema.BUCKETS.codec().decode(stored);
        assertEquals(bucket, decoded);
        assertEquals(List.of("zeta", "alpha", "mu", "beta"), List.copyOf(decoded.tags().keySet()));
    }

    @Test
    void aVersionOneObjectRecordDecodesWithoutAnAcl() {
        ObjectRecord object = new ObjectRecord("k", ObjectRecord.NULL_VERSION, 1, "\"e\"", null, Map.of(), Map.of(),
                List.of(), 1L, new ObjectLayout(4, 2, 1024, List.of()), "GLACIER");
        byte[] current = Schema.OBJECTS.codec().encode(object);
        assertEquals(4, current[0]);
        current[0] = 1;
        ObjectRecord decoded = Schema.OBJECTS.codec().decode(current);
        assertEquals(object, decoded);
        assertNull(decoded.acl());
        Acl acl = new Acl("d".repeat(64), List.of(new Acl.Grant("d".repeat(64), null, "READ")));
        assertEquals(acl, Schema.OBJECTS.codec().decode(Schema.OBJECTS.codec().encode(object.withAcl(acl))).acl());
        ObjectLock lock = new ObjectLock(ObjectLock.GOVERNANCE, 99L, true);
        assertEquals(lock, Schema.OBJECTS.codec().decode(Schema.OBJECTS.codec().encode(object.withLock(lock))).lock());
    }

    /** Tags in an order a hash map would not keep. */
    private static Map<String, String> orderedTags() {
        Map<String, String> tags = new java.util.LinkedHashMap<>();
        for (String key : List.of("zeta", "alpha", "mu", "beta")) tags.put(key, key.toUpperCase(java.util.Locale.ROOT));
        return tags;
    }

    @Test
    void aSealedPartRoundTripsAndAFormatThreeObjectReadsAsStoredInClear() {
        // 70,000 plaintext bytes stored as two sealed blocks: 70,000 + 2 tags of 16.
        Encryption kms = Encryption.kms("arn:aws:kms:us-east-1:123456789012:key/k", "e30=", true);
        PartLayout sealed = new PartLayout(1, 70_032, "\"e\"", "set", List.of("n1", "n2", "n3", "n4", "n5", "n6"),
                null, new Sealing(kms, 70_000, "d3JhcHBlZA==", "0a1b2c3d"));
        ObjectRecord object = new ObjectRecord("k", ObjectRecord.NULL_VERSION, 70_000, "\"e\"", null, Map.of(),
                Map.of(), List.of(), 1L, new ObjectLayout(4, 2, 1024, List.of(sealed)));
        ObjectRecord decoded = Schema.OBJECTS.codec().decode(Schema.OBJECTS.codec().encode(object));
        assertEquals(object, decoded);
        assertEquals(kms, decoded.encryption());
        assertEquals(70_000, decoded.layout().parts().get(0).plainSize());
        ObjectRecord clear = object.withLayout(new ObjectLayout(4, 2, 1024, List.of(new PartLayout(1, 5, "\"e\"",
                "set", sealed.nodes()))));
        byte[] old = Schema.OBJECTS.codec().encode(clear);
        old[0] = 3;
        ObjectRecord upgraded = Schema.OBJECTS.codec().decode(old);
        assertNull(upgraded.encryption());
        assertEquals(5, upgraded.layout().parts().get(0).plainSize());
    }
}

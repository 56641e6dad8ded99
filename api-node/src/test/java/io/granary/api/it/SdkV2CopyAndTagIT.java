package io.granary.api.it;

import static io.granary.api.it.TestData.MIB;
import static io.granary.api.it.TestData.assertS3Error;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * CopyObject (COPY and REPLACE directives, onto itself, source conditions), DeleteObjects (the SDK
 * sends a checksum header, quiet and verbose), object tagging and GetObjectAttributes through the AWS
 * SDK v2 under both checksum settings.
 */
class SdkV2CopyAndTagIT extends SdkV2Case {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    @Override
    GranaryServerExtension server() {
        return SERVER;
    }

    @Test
    void copyKeepsOrReplacesMetadataAndCopiesTheBytes() {
        String target = GranaryServerExtension.newBucket();
        s3.createBucket(b -> b.bucket(target));
        byte[] data = TestData.random(6 * MIB + 3, 21);
        String source = "src/ä b&c+%\"";
        String etag = s3.putObject(b -> b.bucket(bucket).key(source).contentType("text/x-source")
                .metadata(Map.of("origin", "source")), RequestBody.fromBytes(data)).eTag();
        CopyObjectResponse kept = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(source)
                .destinationBucket(target).destinationKey("kept"));
        assertEquals(etag, kept.copyObjectResult().eTag());
        HeadObjectResponse keptHead = s3.headObject(b -> b.bucket(target).key("kept"));
        assertEquals(Map.of("origin", "source"), keptHead.metadata());
        assertEquals("text/x-source", keptHead.contentType());
        assertArrayEquals(data, s3.getObjectAsBytes(b -> b.bucket(target).key("kept")).asByteArray());
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(source).destinationBucket(bucket)
                .destinationKey("replaced").metadataDirective(MetadataDirective.REPLACE).contentType("text/x-new")
                .metadata(Map.of("origin", "replaced")));
        HeadObjectResponse replaced = s3.headObject(b -> b.bucket(bucket).key("replaced"));
        assertEquals(Map.of("origin", "replaced"), replaced.metadata());
        assertEquals("text/x-new", replaced.contentType());
        assertEquals(etag, replaced.eTag());
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("replaced").destinationBucket(target)
                .destinationKey("empty-copy-of-copy"));
        assertArrayEquals(data, s3.getObjectAsBytes(b -> b.bucket(target).key("empty-copy-of-copy")).asByteArray());
    }

    @Test
    void copyOntoItselfNeedsReplaceAndThenRewritesOnlyMetadata() {
        String etag = s3.putObject(b -> b.bucket(bucket).key("self").metadata(Map.of("v", "1")),
                RequestBody.fromString("self")).eTag();
        assertS3Error(400, "InvalidRequest", () -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("self")
                .destinationBucket(bucket).destinationKey("self")));
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("self").destinationBucket(bucket).destinationKey("self")
                .metadataDirective(MetadataDirective.REPLACE).metadata(Map.of("v", "2")));
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("self"));
        assertEquals(Map.of("v", "2"), head.metadata());
        assertEquals(etag, head.eTag());
        assertEquals("self", s3.getObjectAsBytes(b -> b.bucket(bucket).key("self")).asUtf8String());
    }

    @Test
    void copySourceConditionsAndMissingSourcesAreRefused() {
        String etag = s3.putObject(b -> b.bucket(bucket).key("cond"), RequestBody.fromString("cond")).eTag();
        assertS3Error(412, "PreconditionFailed", () -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("cond")
                .destinationBucket(bucket).destinationKey("t1")
                .copySourceIfMatch("\"ffffffffffffffffffffffffffffffff\"")));
        assertS3Error(412, "PreconditionFailed", () -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("cond")
                .destinationBucket(bucket).destinationKey("t2").copySourceIfNoneMatch(etag)));
        assertS3Error(412, "PreconditionFailed", () -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("cond")
                .destinationBucket(bucket).destinationKey("t3").copySourceIfUnmodifiedSince(
                        Instant.now().minusSeconds(3600))));
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("cond").destinationBucket(bucket).destinationKey("t4")
                .copySourceIfMatch(etag));
        assertS3Error(404, "NoSuchKey", () -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("absent")
                .destinationBucket(bucket).destinationKey("t5")));
        List<String> keys = s3.listObjectsV2(b -> b.bucket(bucket)).contents().stream().map(o -> o.key()).toList();
        assertEquals(List.of("cond", "t4"), keys);
    }

    @Test
    void copiesEmptyAndMultipartSources() {
        s3.putObject(b -> b.bucket(bucket).key("empty"), RequestBody.empty());
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("empty").destinationBucket(bucket)
                .destinationKey("empty-copy"));
        assertEquals(0, s3.getObjectAsBytes(b -> b.bucket(bucket).key("empty-copy")).asByteArray().length);
        assertEquals("\"" + TestData.md5Hex() + "\"", s3.headObject(b -> b.bucket(bucket).key("empty-copy")).eTag());
        byte[] first = TestData.random(5 * MIB, 61);
        byte[] second = TestData.random(1000, 62);
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key("mp-source")).uploadId();
        String etag1 = s3.uploadPart(b -> b.bucket(bucket).key("mp-source").uploadId(upload).partNumber(1),
                RequestBody.fromBytes(first)).eTag();
        String etag2 = s3.uploadPart(b -> b.bucket(bucket).key("mp-source").uploadId(upload).partNumber(2),
                RequestBody.fromBytes(second)).eTag();
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("mp-source").uploadId(upload).multipartUpload(m -> m
                .parts(p -> p.partNumber(1).eTag(etag1), p -> p.partNumber(2).eTag(etag2))));
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("mp-source").destinationBucket(bucket)
                .destinationKey("mp-copy"));
        assertArrayEquals(SdkV2MultipartIT.concat(first, second),
                s3.getObjectAsBytes(b -> b.bucket(bucket).key("mp-copy")).asByteArray());
    }

    @Test
    void deleteObjectsReportsEveryKeyUnlessQuiet() {
        List<ObjectIdentifier> ids = new ArrayList<>();
        for (String key : List.of("d/1", "d/2 x", "d/3&", "d/ü")) {
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key));
            ids.add(ObjectIdentifier.builder().key(key).build());
        }
        ids.add(ObjectIdentifier.builder().key("d/never-existed").build());
        DeleteObjectsResponse verbose = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(ids.subList(0, 3))
                .quiet(false)));
        assertEquals(List.of("d/1", "d/2 x", "d/3&"), verbose.deleted().stream().map(DeletedObject::key).sorted()
                .toList());
        assertTrue(verbose.errors().isEmpty(), verbose.errors()::toString);
        DeleteObjectsResponse quiet = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(ids.subList(3, 5))
                .quiet(true)));
        assertTrue(quiet.deleted().isEmpty(), quiet.deleted()::toString);
        assertTrue(quiet.errors().isEmpty(), quiet.errors()::toString);
        assertEquals(0, s3.listObjectsV2(b -> b.bucket(bucket)).keyCount());
    }

    @Test
    void tagsSetOnPutCanBeReadReplacedAndDeleted() {
        s3.putObject(b -> b.bucket(bucket).key("tagged").tagging("project=granary&note=a%20b"),
                RequestBody.fromString("tags"));
        assertEquals(Map.of("project", "granary", "note", "a b"), tags("tagged"));
        assertEquals(2, s3.getObjectAsBytes(b -> b.bucket(bucket).key("tagged")).response().tagCount());
        s3.putObjectTagging(b -> b.bucket(bucket).key("tagged").tagging(t -> t.tagSet(
                Tag.builder().key("stage").value("prod").build())));
        assertEquals(Map.of("stage", "prod"), tags("tagged"));
        s3.deleteObjectTagging(b -> b.bucket(bucket).key("tagged"));
        assertEquals(Map.of(), tags("tagged"));
        assertEquals("tags", s3.getObjectAsBytes(b -> b.bucket(bucket).key("tagged")).asUtf8String());
        assertS3Error(404, "NoSuchKey", () -> s3.getObjectTagging(b -> b.bucket(bucket).key("absent")));
    }

    private Map<String, String> tags(String key) {
        Map<String, String> tags = new TreeMap<>();
        s3.getObjectTagging(b -> b.bucket(bucket).key(key)).tagSet().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    @Test
    void objectAttributesDescribeSizeEtagChecksumAndStorageClass() {
        byte[] data = TestData.random(MIB + 1, 5);
        s3.putObject(b -> b.bucket(bucket).key("attrs").checksumAlgorithm(ChecksumAlgorithm.SHA256),
                RequestBody.fromBytes(data));
        GetObjectAttributesResponse attributes = s3.getObjectAttributes(b -> b.bucket(bucket).key("attrs")
                .objectAttributes(ObjectAttributes.E_TAG, ObjectAttributes.OBJECT_SIZE, ObjectAttributes.CHECKSUM,
                        ObjectAttributes.STORAGE_CLASS));
        assertEquals(TestData.md5Hex(data), attributes.eTag());
        assertEquals(data.length, attributes.objectSize());
        assertEquals(Base64.getEncoder().encodeToString(TestData.digest("SHA-256", data)),
                attributes.checksum().checksumSHA256());
        assertEquals(StorageClass.STANDARD, attributes.storageClass());
        assertS3Error(404, "NoSuchKey", () -> s3.getObjectAttributes(b -> b.bucket(bucket).key("absent")
                .objectAttributes(ObjectAttributes.E_TAG)));
    }
}

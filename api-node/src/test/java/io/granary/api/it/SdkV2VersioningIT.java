package io.granary.api.it;

import static io.granary.api.it.TestData.MIB;
import static io.granary.api.it.TestData.assertS3Error;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.MFADelete;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * Versioning through the AWS SDK v2 under both checksum settings: the bucket's versioning state, version ids on
 * every write and read, reads, copies, tags, ACLs and attributes of older versions, delete markers and their
 * round trip, suspended buckets' {@code null} version, DeleteObjects with version ids, and ListObjectVersions
 * paging.
 */
class SdkV2VersioningIT extends SdkV2Case {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    @Override
    GranaryServerExtension server() {
        return SERVER;
    }

    @BeforeEach
    void enableVersioning() {
        assertNull(s3.getBucketVersioning(b -> b.bucket(bucket)).status(), "a new bucket was never versioned");
        versioning(BucketVersioningStatus.ENABLED);
    }

    private void versioning(BucketVersioningStatus status) {
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(c -> c.status(status)));
    }

    private String put(String key, byte[] data) {
        return s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(data)).versionId();
    }

    private byte[] get(String key, String versionId) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).versionId(versionId)).asByteArray();
    }

    private static String header(S3Exception e, String name) {
        return e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader(name).orElse(null);
    }

    @Test
    void theVersioningStateGoesBetweenEnabledAndSuspendedAndRefusesMfaDelete() {
        assertEquals(BucketVersioningStatus.ENABLED, s3.getBucketVersioning(b -> b.bucket(bucket)).status());
        versioning(BucketVersioningStatus.SUSPENDED);
        assertEquals(BucketVersioningStatus.SUSPENDED, s3.getBucketVersioning(b -> b.bucket(bucket)).status());
        assertS3Error(501, "NotImplemented", () -> s3.putBucketVersioning(b -> b.bucket(bucket)
                .versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED).mfaDelete(MFADelete.ENABLED))));
        assertS3Error(400, "MalformedXML", () -> s3.putBucketVersioning(b -> b.bucket(bucket)
                .versioningConfiguration(c -> c.status("Disabled"))));
        assertEquals(BucketVersioningStatus.SUSPENDED, s3.getBucketVersioning(b -> b.bucket(bucket)).status());
    }

    @Test
    void everyPutKeepsAVersionReadableByItsId() {
        byte[] first = TestData.random(3 * MIB + 1, 1);
        byte[] second = TestData.random(10, 2);
        String v1 = put("k", first);
        String v2 = put("k", second);
        assertNotNull(v1);
        assertNotEquals(v1, v2);
        assertTrue(v1.matches("[A-Za-z0-9_-]+"), v1);
        GetObjectResponse latest = s3.getObject(b -> b.bucket(bucket).key("k")).response();
        assertEquals(v2, latest.versionId());
        assertArrayEquals(second, get("k", null));
        assertArrayEquals(first, get("k", v1));
        assertEquals(v1, s3.headObject(b -> b.bucket(bucket).key("k").versionId(v1)).versionId());
        assertEquals(first.length, s3.headObject(b -> b.bucket(bucket).key("k").versionId(v1)).contentLength());
        s3.deleteObject(b -> b.bucket(bucket).key("k").versionId(v1));
        assertS3Error(404, "NoSuchVersion", () -> get("k", v1));
        assertS3Error(400, "InvalidArgument", () -> get("k", "not-a-version"));
    }

    @Test
    void aDeleteMarkerHidesTheKeyUntilItIsDeleted() {
        byte[] data = TestData.random(1000, 3);
        String v1 = put("k", data);
        DeleteObjectResponse deleted = s3.deleteObject(b -> b.bucket(bucket).key("k"));
        assertTrue(deleted.deleteMarker());
        String marker = deleted.versionId();
        assertNotNull(marker);
        S3Exception missing = assertS3Error(404, "NoSuchKey", () -> get("k", null));
        assertEquals("true", header(missing, "x-amz-delete-marker"));
        assertEquals(marker, header(missing, "x-amz-version-id"));
        S3Exception head = assertS3Error(404, null, () -> s3.headObject(b -> b.bucket(bucket).key("k")));
        assertEquals("true", header(head, "x-amz-delete-marker"));
        S3Exception named = assertS3Error(405, "MethodNotAllowed", () -> get("k", marker));
        assertEquals("true", header(named, "x-amz-delete-marker"));
        assertTrue(s3.listObjectsV2(b -> b.bucket(bucket)).contents().isEmpty());

        ListObjectVersionsResponse listed = s3.listObjectVersions(b -> b.bucket(bucket));
        assertEquals(1, listed.deleteMarkers().size());
        DeleteMarkerEntry entry = listed.deleteMarkers().get(0);
        assertEquals(marker, entry.versionId());
        assertTrue(entry.isLatest());
        assertNotNull(entry.owner().id());
        assertEquals(List.of(v1), listed.versions().stream().map(ObjectVersion::versionId).toList());
        assertFalse(listed.versions().get(0).isLatest());

        DeleteObjectResponse unmarked = s3.deleteObject(b -> b.bucket(bucket).key("k").versionId(marker));
        assertTrue(unmarked.deleteMarker());
        assertEquals(marker, unmarked.versionId());
        assertArrayEquals(data, get("k", null));
        assertS3Error(409, "BucketNotEmpty", () -> s3.deleteBucket(b -> b.bucket(bucket)));
    }

    @Test
    void aSuspendedBucketWritesTheNullVersionAndKeepsTheOthers() {
        String enabled = put("k", new byte[] {1});
        versioning(BucketVersioningStatus.SUSPENDED);
        assertEquals("null", put("k", new byte[] {2}));
        assertEquals("null", put("k", new byte[] {3}));
        assertArrayEquals(new byte[] {3}, get("k", "null"));
        assertArrayEquals(new byte[] {1}, get("k", enabled));
        List<String> ids = s3.listObjectVersions(b -> b.bucket(bucket)).versions().stream()
                .map(ObjectVersion::versionId).toList();
        assertEquals(List.of("null", enabled), ids, "the second null write replaced the first");
        DeleteObjectResponse marker = s3.deleteObject(b -> b.bucket(bucket).key("k"));
        assertEquals("null", marker.versionId());
        assertTrue(marker.deleteMarker());
        assertEquals(List.of(enabled), s3.listObjectVersions(b -> b.bucket(bucket)).versions().stream()
                .map(ObjectVersion::versionId).toList(), "the null marker replaced the null version");
    }

    @Test
    void copiesTagsAclsAndAttributesReachAnOlderVersion() {
        byte[] old = TestData.random(2000, 4);
        String v1 = put("k", old);
        String v2 = put("k", TestData.random(10, 5));
        CopyObjectResponse copied = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("k").sourceVersionId(v1)
                .destinationBucket(bucket).destinationKey("k"));
        assertEquals(v1, copied.copySourceVersionId());
        assertNotEquals(v2, copied.versionId());
        assertArrayEquals(old, get("k", null), "copying an old version onto its key restores it");
        assertS3Error(400, "InvalidArgument", () -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("k")
                .sourceVersionId("bad").destinationBucket(bucket).destinationKey("x")));

        s3.putObjectTagging(b -> b.bucket(bucket).key("k").versionId(v1).tagging(t -> t.tagSet(
                Tag.builder().key("era").value("first").build())));
        assertEquals(List.of("era"), s3.getObjectTagging(b -> b.bucket(bucket).key("k").versionId(v1)).tagSet()
                .stream().map(Tag::key).toList());
        assertTrue(s3.getObjectTagging(b -> b.bucket(bucket).key("k").versionId(v2)).tagSet().isEmpty());
        assertEquals(v1, s3.deleteObjectTagging(b -> b.bucket(bucket).key("k").versionId(v1)).versionId());
        assertTrue(s3.getObjectTagging(b -> b.bucket(bucket).key("k").versionId(v1)).tagSet().isEmpty());

        s3.putObjectAcl(b -> b.bucket(bucket).key("k").versionId(v1).acl("public-read"));
        assertEquals(2, s3.getObjectAcl(b -> b.bucket(bucket).key("k").versionId(v1)).grants().size());
        assertEquals(1, s3.getObjectAcl(b -> b.bucket(bucket).key("k").versionId(v2)).grants().size());
        assertEquals((long) old.length, s3.getObjectAttributes(b -> b.bucket(bucket).key("k").versionId(v1)
                .objectAttributes(ObjectAttributes.OBJECT_SIZE)).objectSize());
    }

    @Test
    void multipartUploadsAndPartCopiesAreVersionsToo() {
        byte[] old = TestData.random(5 * MIB, 6);
        String v1 = put("src", old);
        put("src", new byte[] {9});
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key("mp")).uploadId();
        String etag = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("src").sourceVersionId(v1)
                .destinationBucket(bucket).destinationKey("mp").uploadId(upload).partNumber(1))
                .copyPartResult().eTag();
        String completed = s3.completeMultipartUpload(b -> b.bucket(bucket).key("mp").uploadId(upload)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build()))).versionId();
        assertNotNull(completed);
        assertArrayEquals(old, get("mp", completed));
    }

    @Test
    void deleteObjectsRemovesNamedVersionsAndWritesMarkersForTheRest() {
        String a1 = put("a", new byte[] {1});
        put("a", new byte[] {2});
        put("b", new byte[] {3});
        DeleteObjectsResponse response = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(
                ObjectIdentifier.builder().key("a").versionId(a1).build(),
                ObjectIdentifier.builder().key("b").build(),
                ObjectIdentifier.builder().key("c").versionId("malformed!").build())));
        Map<String, DeletedObject> byKey = new java.util.HashMap<>();
        response.deleted().forEach(d -> byKey.put(d.key(), d));
        assertEquals(a1, byKey.get("a").versionId());
        assertTrue(byKey.get("b").deleteMarker());
        assertNotNull(byKey.get("b").deleteMarkerVersionId());
        assertEquals(1, response.errors().size());
        assertEquals("NoSuchVersion", response.errors().get(0).code());
        ListObjectVersionsResponse listed = s3.listObjectVersions(b -> b.bucket(bucket));
        assertEquals(2, listed.versions().size());
        assertEquals(1, listed.deleteMarkers().size());
    }

    @Test
    void listingPagesThroughEveryVersionInOrder() {
        for (String key : List.of("a", "dir/x", "dir/y", "sp ace%")) {
            for (int v = 0; v < 3; v++) put(key, new byte[] {(byte) v});
        }
        s3.deleteObject(b -> b.bucket(bucket).key("a"));
        ListObjectVersionsResponse all = s3.listObjectVersions(b -> b.bucket(bucket));
        assertEquals(12, all.versions().size());
        assertFalse(all.isTruncated());
        List<String> paged = new ArrayList<>();
        int markers = 0;
        for (ListObjectVersionsResponse page : s3.listObjectVersionsPaginator(b -> b.bucket(bucket).maxKeys(2))) {
            assertTrue(page.versions().size() + page.deleteMarkers().size() <= 2);
            page.versions().forEach(v -> paged.add(v.key() + "@" + v.versionId()));
            markers += page.deleteMarkers().size();
        }
        assertEquals(all.versions().stream().map(v -> v.key() + "@" + v.versionId()).toList(), paged);
        assertEquals(1, markers);
        ListObjectVersionsResponse grouped = s3.listObjectVersions(b -> b.bucket(bucket).delimiter("/"));
        assertEquals(List.of("dir/"), grouped.commonPrefixes().stream().map(p -> p.prefix()).toList());
        assertEquals(6, grouped.versions().size());
        ListObjectVersionsResponse prefixed = s3.listObjectVersions(b -> b.bucket(bucket).prefix("dir/y")
                .encodingType("url"));
        assertEquals(List.of(true, false, false), prefixed.versions().stream().map(ObjectVersion::isLatest).toList());
        assertS3Error(400, "InvalidArgument", () -> s3.listObjectVersions(b -> b.bucket(bucket)
                .versionIdMarker(all.versions().get(0).versionId())));
    }
}

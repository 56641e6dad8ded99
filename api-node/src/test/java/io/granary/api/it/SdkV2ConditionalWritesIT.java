package io.granary.api.it;

import static io.granary.api.it.TestData.assertS3Error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * Conditional writes through the SDK v2, as S3 has them since 2024-2025: PutObject and
 * CompleteMultipartUpload with If-None-Match: * and If-Match, CopyObject's destination, DeleteObject
 * with If-Match and DeleteObjects entries with an ETag. A condition that does not hold is 412 and changes
 * nothing.
 */
class SdkV2ConditionalWritesIT extends SdkV2Case {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    @Override
    GranaryServerExtension server() {
        return SERVER;
    }

    private String put(String key, String body) {
        return s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body)).eTag();
    }

    private String read(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
    }

    @Test
    void putObjectCreatesOnlyIfAbsentAndReplacesOnlyTheVersionItRead() {
        String first = s3.putObject(b -> b.bucket(bucket).key("k").ifNoneMatch("*"), RequestBody.fromString("one"))
                .eTag();
        assertS3Error(412, "PreconditionFailed", () -> s3.putObject(b -> b.bucket(bucket).key("k").ifNoneMatch("*"),
                RequestBody.fromString("two")));
        assertS3Error(412, "PreconditionFailed", () -> s3.putObject(b -> b.bucket(bucket).key("k")
                .ifMatch("\"0123456789abcdef0123456789abcdef\""), RequestBody.fromString("two")));
        assertS3Error(404, "NoSuchKey", () -> s3.putObject(b -> b.bucket(bucket).key("absent").ifMatch(first),
                RequestBody.fromString("two")));
        assertEquals("one", read("k"));
        s3.putObject(b -> b.bucket(bucket).key("k").ifMatch(first), RequestBody.fromString("two"));
        assertEquals("two", read("k"));
    }

    @Test
    void completeMultipartUploadHonoursBothConditions() {
        String existing = put("mp", "old");
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key("mp")).uploadId();
        String etag = s3.uploadPart(b -> b.bucket(bucket).key("mp").uploadId(upload).partNumber(1),
                RequestBody.fromString("new")).eTag();
        List<CompletedPart> parts = List.of(CompletedPart.builder().partNumber(1).eTag(etag).build());
        assertS3Error(412, "PreconditionFailed", () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("mp")
                .uploadId(upload).ifNoneMatch("*").multipartUpload(m -> m.parts(parts))));
        assertS3Error(412, "PreconditionFailed", () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("mp")
                .uploadId(upload).ifMatch("\"stale\"").multipartUpload(m -> m.parts(parts))));
        assertEquals("old", read("mp"));
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("mp").uploadId(upload).ifMatch(existing)
                .multipartUpload(m -> m.parts(parts)));
        assertEquals("new", read("mp"));
    }

    @Test
    void copyObjectChecksItsDestination() {
        put("source", "data");
        String target = put("target", "old");
        assertS3Error(412, "PreconditionFailed", () -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("source")
                .destinationBucket(bucket).destinationKey("target").ifNoneMatch("*")));
        assertEquals("old", read("target"));
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("source").destinationBucket(bucket)
                .destinationKey("target").ifMatch(target));
        assertEquals("data", read("target"));
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("source").destinationBucket(bucket)
                .destinationKey("fresh").ifNoneMatch("*"));
        assertEquals("data", read("fresh"));
    }

    @Test
    void deletesRemoveOnlyTheVersionNamed() {
        String etag = put("d", "x");
        assertS3Error(412, "PreconditionFailed", () -> s3.deleteObject(b -> b.bucket(bucket).key("d")
                .ifMatch("\"stale\"")));
        assertEquals("x", read("d"));
        s3.deleteObject(b -> b.bucket(bucket).key("d").ifMatch(etag));
        assertS3Error(404, "NoSuchKey", () -> read("d"));

        String kept = put("batch-kept", "k");
        String gone = put("batch-gone", "g");
        DeleteObjectsResponse result = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(
                ObjectIdentifier.builder().key("batch-kept").eTag("\"stale\"").build(),
                ObjectIdentifier.builder().key("batch-gone").eTag(gone).build())));
        assertEquals(List.of("batch-gone"), result.deleted().stream().map(o -> o.key()).toList());
        assertEquals(1, result.errors().size());
        assertEquals("PreconditionFailed", result.errors().get(0).code());
        assertEquals(kept, s3.headObject(b -> b.bucket(bucket).key("batch-kept")).eTag());
    }

    @Test
    void dateConditionsAreEvaluatedOnWritesToo() {
        put("dated", "v1");
        Instant past = Instant.parse("2001-01-01T00:00:00Z");
        assertS3Error(412, "PreconditionFailed", () -> s3.putObject(b -> b.bucket(bucket).key("dated")
                .overrideConfiguration(o -> o.putHeader("If-Unmodified-Since", "Mon, 01 Jan 2001 00:00:00 GMT")),
                RequestBody.fromString("v2")));
        s3.putObject(b -> b.bucket(bucket).key("dated").overrideConfiguration(o -> o.putHeader("If-Modified-Since",
                "Mon, 01 Jan 2001 00:00:00 GMT")), RequestBody.fromString("v2"));
        assertEquals("v2", read("dated"));
        assertTrue(s3.headObject(b -> b.bucket(bucket).key("dated")).lastModified().isAfter(past));
    }
}

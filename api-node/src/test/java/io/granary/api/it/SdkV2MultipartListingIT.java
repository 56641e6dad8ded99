package io.granary.api.it;

import static io.granary.api.it.TestData.MIB;
import static io.granary.api.it.TestData.assertS3Error;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;

/**
 * ListParts and ListMultipartUploads paging, AbortMultipartUpload, and UploadPartCopy with source
 * ranges, through the AWS SDK v2 sync client under both checksum settings (issue 8).
 */
class SdkV2MultipartListingIT extends SdkV2Case {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    @Override
    GranaryServerExtension server() {
        return SERVER;
    }

    @Test
    void listPartsPagesByPartNumberMarker() {
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key("parts")).uploadId();
        List<String> etags = new ArrayList<>();
        for (int number = 1; number <= 3; number++) {
            int n = number;
            etags.add(s3.uploadPart(b -> b.bucket(bucket).key("parts").uploadId(upload).partNumber(n),
                    RequestBody.fromString("part " + n)).eTag());
        }
        ListPartsResponse first = s3.listParts(b -> b.bucket(bucket).key("parts").uploadId(upload).maxParts(2));
        assertTrue(first.isTruncated());
        assertEquals(List.of(1, 2), first.parts().stream().map(Part::partNumber).toList());
        assertEquals(etags.subList(0, 2), first.parts().stream().map(Part::eTag).toList());
        assertEquals(6L, first.parts().get(0).size());
        assertEquals(2, first.nextPartNumberMarker());
        assertEquals(2, first.maxParts());
        ListPartsResponse rest = s3.listParts(b -> b.bucket(bucket).key("parts").uploadId(upload)
                .partNumberMarker(first.nextPartNumberMarker()));
        assertFalse(rest.isTruncated());
        assertEquals(List.of(3), rest.parts().stream().map(Part::partNumber).toList());
        assertEquals(upload, rest.uploadId());
        assertTrue(rest.owner().id() != null && rest.initiator().id() != null);
    }

    @Test
    void listMultipartUploadsPagesByKeyAndUploadIdMarkers() {
        List<String> expected = new ArrayList<>();
        for (String key : List.of("up/a", "up/b", "up/b", "up/c", "other/x")) {
            String id = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
            if (key.startsWith("up/")) expected.add(key + " " + id);
        }
        expected.sort(null);
        List<String> seen = new ArrayList<>();
        String keyMarker = null;
        String idMarker = null;
        int pages = 0;
        do {
            String k = keyMarker;
            String i = idMarker;
            ListMultipartUploadsResponse page = s3.listMultipartUploads(b -> b.bucket(bucket).prefix("up/")
                    .maxUploads(2).keyMarker(k).uploadIdMarker(i));
            assertTrue(page.uploads().size() <= 2);
            page.uploads().forEach(u -> seen.add(u.key() + " " + u.uploadId()));
            keyMarker = page.isTruncated() ? page.nextKeyMarker() : null;
            idMarker = page.isTruncated() ? page.nextUploadIdMarker() : null;
            pages++;
        } while (keyMarker != null);
        assertEquals(2, pages);
        assertEquals(expected.stream().map(s -> s.split(" ")[0]).toList(),
                seen.stream().map(s -> s.split(" ")[0]).toList());
        assertEquals(expected.stream().sorted().toList(), seen.stream().sorted().toList());
        ListMultipartUploadsResponse grouped = s3.listMultipartUploads(b -> b.bucket(bucket).delimiter("/"));
        assertEquals(List.of("other/", "up/"), grouped.commonPrefixes().stream().map(p -> p.prefix()).toList());
        assertTrue(grouped.uploads().isEmpty());
    }

    @Test
    void abortForgetsTheUploadAndItsParts() {
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key("aborted")).uploadId();
        s3.uploadPart(b -> b.bucket(bucket).key("aborted").uploadId(upload).partNumber(1),
                RequestBody.fromString("doomed"));
        s3.abortMultipartUpload(b -> b.bucket(bucket).key("aborted").uploadId(upload));
        assertS3Error(404, "NoSuchUpload", () -> s3.listParts(b -> b.bucket(bucket).key("aborted").uploadId(upload)));
        assertS3Error(404, "NoSuchUpload", () -> s3.uploadPart(b -> b.bucket(bucket).key("aborted")
                .uploadId(upload).partNumber(2), RequestBody.fromString("late")));
        assertS3Error(404, "NoSuchUpload", () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("aborted")
                .uploadId(upload).multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1)
                        .eTag("\"" + TestData.md5Hex("doomed".getBytes()) + "\"").build()))));
        assertS3Error(404, "NoSuchUpload", () -> s3.abortMultipartUpload(b -> b.bucket(bucket).key("aborted")
                .uploadId(upload)));
        assertTrue(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads().stream().map(MultipartUpload::uploadId)
                .noneMatch(upload::equals));
        assertS3Error(404, "NoSuchKey", () -> s3.headObject(b -> b.bucket(bucket).key("aborted")));
    }

    @Test
    void uploadPartCopyTakesSourceRanges() {
        byte[] source = TestData.random(7 * MIB + 5, 31);
        String sourceKey = "source/ü &+%";
        s3.putObject(b -> b.bucket(bucket).key(sourceKey), RequestBody.fromBytes(source));
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key("assembled")).uploadId();
        int split = 5 * MIB;
        UploadPartCopyResponse first = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey(sourceKey)
                .destinationBucket(bucket).destinationKey("assembled").uploadId(upload).partNumber(1)
                .copySourceRange("bytes=0-" + (split - 1)));
        UploadPartCopyResponse second = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey(sourceKey)
                .destinationBucket(bucket).destinationKey("assembled").uploadId(upload).partNumber(2)
                .copySourceRange("bytes=" + split + "-" + (source.length - 1)));
        assertEquals("\"" + TestData.md5Hex(java.util.Arrays.copyOf(source, split)) + "\"",
                first.copyPartResult().eTag());
        assertS3Error(412, "PreconditionFailed", () -> s3.uploadPartCopy(b -> b.sourceBucket(bucket)
                .sourceKey(sourceKey).destinationBucket(bucket).destinationKey("assembled").uploadId(upload)
                .partNumber(3).copySourceIfMatch("\"ffffffffffffffffffffffffffffffff\"")));
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("assembled").uploadId(upload).multipartUpload(m -> m
                .parts(CompletedPart.builder().partNumber(1).eTag(first.copyPartResult().eTag()).build(),
                        CompletedPart.builder().partNumber(2).eTag(second.copyPartResult().eTag()).build())));
        assertArrayEquals(source, s3.getObjectAsBytes(b -> b.bucket(bucket).key("assembled")).asByteArray());
    }
}

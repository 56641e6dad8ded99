package io.granary.api.it;

import static io.granary.api.it.TestData.MIB;
import static io.granary.api.it.TestData.assertS3Error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Checksums with every algorithm through the SDK v2: PutObject and UploadPart verify and store them (a
 * mismatch is BadDigest whatever the algorithm), multipart uploads of both types echo the type and verify
 * what CompleteMultipartUpload claims (part checksums: InvalidPart; the object's: BadDigest), parts never
 * mix algorithms, and GetObjectAttributes pages the parts with their checksums.
 */
class SdkV2ChecksumsIT extends SdkV2Case {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private static final byte[][] PARTS = {TestData.random(5 * MIB, 21), TestData.random(1000, 22)};

    @Override
    GranaryServerExtension server() {
        return SERVER;
    }

    @ParameterizedTest
    @EnumSource(SdkV2Checksum.class)
    void putObjectStoresTheChecksumAndRefusesAMismatchAsBadDigest(SdkV2Checksum checksum) {
        byte[] data = TestData.random(100_000, checksum.ordinal());
        String key = "put-" + checksum;
        s3.putObject(b -> checksum.set(b.bucket(bucket).key(key), checksum.encoded(data)), RequestBody.fromBytes(data));
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
        assertEquals(checksum.encoded(data), checksum.of(head));
        assertEquals(ChecksumType.FULL_OBJECT, head.checksumType());

        String wrong = checksum.encoded("something else".getBytes());
        assertS3Error(400, "BadDigest", () -> s3.putObject(b -> checksum.set(b.bucket(bucket).key(key + "-bad"),
                wrong), RequestBody.fromBytes(data)));
        assertS3Error(404, "NoSuchKey", () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key(key + "-bad")));
    }

    static Stream<Arguments> multipartTypes() {
        List<Arguments> cases = new ArrayList<>();
        for (SdkV2Checksum checksum : SdkV2Checksum.values()) {
            if (checksum.composite) cases.add(Arguments.of(checksum, ChecksumType.COMPOSITE));
            if (checksum.fullObject()) cases.add(Arguments.of(checksum, ChecksumType.FULL_OBJECT));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("multipartTypes")
    void multipartChecksumsAreVerifiedEchoedAndPagedPerPart(SdkV2Checksum checksum, ChecksumType type) {
        String key = "mp-" + checksum + "-" + type;
        CreateMultipartUploadResponse created = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)
                .checksumAlgorithm(checksum.algorithm).checksumType(type));
        assertEquals(type, created.checksumType());
        String upload = created.uploadId();
        List<CompletedPart> completed = new ArrayList<>();
        for (int i = 0; i < PARTS.length; i++) {
            int number = i + 1;
            String value = checksum.encoded(PARTS[i]);
            UploadPartResponse part = s3.uploadPart(b -> checksum.set(b.bucket(bucket).key(key).uploadId(upload)
                    .partNumber(number), value), RequestBody.fromBytes(PARTS[i]));
            assertEquals(value, checksum.of(part));
            completed.add(checksum.set(CompletedPart.builder().partNumber(number).eTag(part.eTag()), value).build());
        }
        String expected = type == ChecksumType.FULL_OBJECT ? checksum.encoded(PARTS)
                : checksum.encoded(checksum.raw(PARTS[0]), checksum.raw(PARTS[1])) + "-2";
        String sent = type == ChecksumType.FULL_OBJECT ? expected : expected.substring(0, expected.length() - 2);

        CompletedPart tampered = checksum.set(completed.get(0).toBuilder(), checksum.encoded(PARTS[1])).build();
        assertS3Error(400, "InvalidPart", () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key(key)
                .uploadId(upload).multipartUpload(m -> m.parts(tampered, completed.get(1)))));
        assertS3Error(400, "BadDigest", () -> s3.completeMultipartUpload(b -> checksum.set(b.bucket(bucket).key(key)
                .uploadId(upload).checksumType(type).multipartUpload(m -> m.parts(completed)),
                checksum.encoded(PARTS[1]))));
        assertS3Error(400, "InvalidRequest", () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key(key)
                .uploadId(upload).mpuObjectSize(1L).multipartUpload(m -> m.parts(completed))));

        CompleteMultipartUploadResponse done = s3.completeMultipartUpload(b -> checksum.set(b.bucket(bucket)
                .key(key).uploadId(upload).checksumType(type).mpuObjectSize(5L * MIB + 1000)
                .multipartUpload(m -> m.parts(completed)), sent));
        assertEquals(expected, checksum.of(done));
        assertEquals(type, done.checksumType());
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
        assertEquals(expected, checksum.of(head));
        assertEquals(type, head.checksumType());

        GetObjectAttributesResponse first = attributes(key, 0);
        assertEquals(2, first.objectParts().totalPartsCount());
        assertTrue(first.objectParts().isTruncated());
        assertEquals(1, first.objectParts().nextPartNumberMarker());
        assertEquals(List.of(checksum.encoded(PARTS[0])), first.objectParts().parts().stream().map(checksum::of)
                .toList());
        assertEquals(type, first.checksum().checksumType());
        GetObjectAttributesResponse second = attributes(key, 1);
        assertFalse(second.objectParts().isTruncated());
        assertEquals(List.of(2), second.objectParts().parts().stream().map(p -> p.partNumber()).toList());
        assertEquals(checksum.encoded(PARTS[1]), checksum.of(second.objectParts().parts().get(0)));
    }

    private GetObjectAttributesResponse attributes(String key, int marker) {
        return s3.getObjectAttributes(b -> b.bucket(bucket).key(key).maxParts(1).partNumberMarker(marker)
                .objectAttributes(ObjectAttributes.OBJECT_PARTS, ObjectAttributes.CHECKSUM));
    }

    @ParameterizedTest
    @EnumSource(SdkV2Checksum.class)
    void aPartWithAWrongChecksumIsBadDigest(SdkV2Checksum checksum) {
        String key = "bad-part-" + checksum;
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        byte[] data = TestData.random(1000, 5);
        assertS3Error(400, "BadDigest", () -> s3.uploadPart(b -> checksum.set(b.bucket(bucket).key(key)
                .uploadId(upload).partNumber(1), checksum.encoded(new byte[] {1})), RequestBody.fromBytes(data)));
        s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(upload));
    }

    @Test
    void partsOfOneUploadNeverMixAlgorithms() {
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key("mixed")
                .checksumAlgorithm(SdkV2Checksum.CRC32.algorithm)).uploadId();
        byte[] data = TestData.random(1000, 6);
        assertS3Error(400, "InvalidRequest", () -> s3.uploadPart(b -> SdkV2Checksum.SHA256.set(b.bucket(bucket)
                .key("mixed").uploadId(upload).partNumber(1), SdkV2Checksum.SHA256.encoded(data)),
                RequestBody.fromBytes(data)));
        UploadPartResponse crc = s3.uploadPart(b -> b.bucket(bucket).key("mixed").uploadId(upload).partNumber(1),
                RequestBody.fromBytes(data));
        assertEquals(SdkV2Checksum.CRC32.encoded(data), SdkV2Checksum.CRC32.of(crc),
                "a part sent without a checksum gets the upload's algorithm");
        s3.abortMultipartUpload(b -> b.bucket(bucket).key("mixed").uploadId(upload));
    }
}

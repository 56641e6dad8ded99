package io.granary.api.it;

import static io.granary.api.it.TestData.MIB;
import static io.granary.api.it.TestData.assertS3Error;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Multipart uploads driven call by call through the AWS SDK v2 sync client (issue 8): assembly and
 * ETags, per-part and whole-object checksums, part-number reads, and every rule CompleteMultipartUpload
 * enforces. Listings, abort and UploadPartCopy are in {@link SdkV2MultipartListingIT}.
 */
@Timeout(180)
class SdkV2MultipartIT extends SdkV2Case {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private static final int PART = 5 * MIB;

    @Override
    GranaryServerExtension server() {
        return SERVER;
    }

    @Test
    void partsAssembleIntoOneObjectWithAnMd5OfMd5sEtagAndPartNumberReads() {
        byte[][] parts = {TestData.random(PART, 1), TestData.random(PART, 2), TestData.random(MIB + 3, 3)};
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key("mp")).uploadId();
        List<CompletedPart> completed = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            int number = i + 1;
            UploadPartResponse part = s3.uploadPart(b -> b.bucket(bucket).key("mp").uploadId(upload)
                    .partNumber(number), RequestBody.fromBytes(parts[number - 1]));
            assertEquals("\"" + TestData.md5Hex(parts[i]) + "\"", part.eTag());
            completed.add(CompletedPart.builder().partNumber(number).eTag(part.eTag()).build());
        }
        CompleteMultipartUploadResponse done = s3.completeMultipartUpload(b -> b.bucket(bucket).key("mp")
                .uploadId(upload).multipartUpload(m -> m.parts(completed)));
        String etag = "\"" + TestData.md5Hex(TestData.digest("MD5", parts[0]), TestData.digest("MD5", parts[1]),
                TestData.digest("MD5", parts[2])) + "-3\"";
        assertEquals(etag, done.eTag());
        assertEquals(bucket, done.bucket());
        assertEquals("mp", done.key());
        ResponseBytes<GetObjectResponse> whole = s3.getObjectAsBytes(b -> b.bucket(bucket).key("mp"));
        assertArrayEquals(TestData.digest("SHA-256", parts), TestData.digest("SHA-256", whole.asByteArray()));
        assertEquals(etag, whole.response().eTag());
        ResponseBytes<GetObjectResponse> second = s3.getObjectAsBytes(b -> b.bucket(bucket).key("mp").partNumber(2));
        assertArrayEquals(parts[1], second.asByteArray());
        assertEquals(3, second.response().partsCount());
        assertEquals("bytes " + PART + "-" + (2 * PART - 1) + "/" + (2 * PART + MIB + 3),
                second.response().contentRange());
        HeadObjectResponse third = s3.headObject(b -> b.bucket(bucket).key("mp").partNumber(3));
        assertEquals(MIB + 3, third.contentLength());
        assertEquals(3, third.partsCount());
        byte[] across = s3.getObjectAsBytes(b -> b.bucket(bucket).key("mp")
                .range("bytes=" + (PART - 10) + "-" + (PART + 9))).asByteArray();
        assertArrayEquals(concat(Arrays.copyOfRange(parts[0], PART - 10, PART), Arrays.copyOf(parts[1], 10)), across);
        assertEquals(3, s3.getObjectAttributes(b -> b.bucket(bucket).key("mp")
                .objectAttributes(ObjectAttributes.OBJECT_PARTS)).objectParts().totalPartsCount());
        assertS3Error(400, "InvalidPartNumber", () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("mp")
                .partNumber(4)));
    }

    /** The algorithms S3 lets a multipart upload declare, with the checksum type each is tested in. */
    enum MultipartChecksum {
        CRC32(ChecksumAlgorithm.CRC32, ChecksumType.COMPOSITE),
        CRC32C(ChecksumAlgorithm.CRC32_C, ChecksumType.COMPOSITE),
        CRC64NVME(ChecksumAlgorithm.CRC64_NVME, ChecksumType.FULL_OBJECT);

        final ChecksumAlgorithm algorithm;
        final ChecksumType type;

        MultipartChecksum(ChecksumAlgorithm algorithm, ChecksumType type) {
            this.algorithm = algorithm;
            this.type = type;
        }

        byte[] raw(byte[]... data) {
            return switch (this) {
                case CRC32 -> TestData.crcBytes(new CRC32(), 4, data);
                case CRC32C -> TestData.crcBytes(new CRC32C(), 4, data);
                case CRC64NVME -> TestData.crcBytes(new Crc64Nvme(), 8, data);
            };
        }

        String encoded(byte[]... data) {
            return Base64.getEncoder().encodeToString(raw(data));
        }
    }

    @ParameterizedTest
    @EnumSource(MultipartChecksum.class)
    void declaredChecksumIsVerifiedPerPartAndReturnedForTheObject(MultipartChecksum checksum) {
        byte[][] parts = {TestData.random(PART, 7), TestData.random(1000, 8)};
        String key = "ck-" + checksum;
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).checksumAlgorithm(checksum.algorithm)
                .checksumType(checksum.type)).uploadId();
        List<CompletedPart> completed = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            int number = i + 1;
            String partChecksum = checksum.encoded(parts[i]);
            UploadPartResponse part = s3.uploadPart(b -> partChecksum(b.bucket(bucket).key(key).uploadId(upload)
                    .partNumber(number), checksum, partChecksum), RequestBody.fromBytes(parts[i]));
            assertEquals(partChecksum, partChecksumOf(checksum, part));
            completed.add(withChecksum(CompletedPart.builder().partNumber(number).eTag(part.eTag()), checksum,
                    partChecksum));
        }
        CompleteMultipartUploadResponse done = s3.completeMultipartUpload(b -> b.bucket(bucket).key(key)
                .uploadId(upload).multipartUpload(m -> m.parts(completed)));
        String expected = checksum.type == ChecksumType.FULL_OBJECT ? checksum.encoded(parts)
                : checksum.encoded(checksum.raw(parts[0]), checksum.raw(parts[1])) + "-2";
        assertEquals(expected, objectChecksumOf(checksum, done.checksumCRC32(), done.checksumCRC32C(),
                done.checksumCRC64NVME()));
        assertEquals(checksum.type, done.checksumType());
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
        assertEquals(expected, objectChecksumOf(checksum, head.checksumCRC32(), head.checksumCRC32C(),
                head.checksumCRC64NVME()));
        assertEquals(checksum.type, head.checksumType());
        assertArrayEquals(concat(parts), s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)
                .checksumMode(ChecksumMode.ENABLED)).asByteArray());
    }

    /**
     * The SDK computes CRC32 and CRC32C itself; CRC64NVME needs the AWS CRT library, so that one is sent
     * precomputed, as a client without CRT would.
     */
    private static UploadPartRequest.Builder partChecksum(UploadPartRequest.Builder part, MultipartChecksum checksum,
            String value) {
        return checksum == MultipartChecksum.CRC64NVME ? part.checksumCRC64NVME(value)
                : part.checksumAlgorithm(checksum.algorithm);
    }

    private static String partChecksumOf(MultipartChecksum checksum, UploadPartResponse part) {
        return objectChecksumOf(checksum, part.checksumCRC32(), part.checksumCRC32C(), part.checksumCRC64NVME());
    }

    private static String objectChecksumOf(MultipartChecksum checksum, String crc32, String crc32c, String crc64) {
        return switch (checksum) {
            case CRC32 -> crc32;
            case CRC32C -> crc32c;
            case CRC64NVME -> crc64;
        };
    }

    private static CompletedPart withChecksum(CompletedPart.Builder part, MultipartChecksum checksum, String value) {
        return switch (checksum) {
            case CRC32 -> part.checksumCRC32(value).build();
            case CRC32C -> part.checksumCRC32C(value).build();
            case CRC64NVME -> part.checksumCRC64NVME(value).build();
        };
    }

    @Test
    void completeEnforcesPartSizeOrderEtagsAndANonEmptyList() {
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key("rules")).uploadId();
        String small1 = uploadPart("rules", upload, 1, TestData.random(MIB, 1));
        String small2 = uploadPart("rules", upload, 2, TestData.random(MIB, 2));
        assertS3Error(400, "EntityTooSmall", () -> complete("rules", upload, part(1, small1), part(2, small2)));
        String big1 = uploadPart("rules", upload, 1, TestData.random(PART, 3));
        assertS3Error(400, "InvalidPartOrder", () -> complete("rules", upload, part(2, small2), part(1, big1)));
        assertS3Error(400, "InvalidPart", () -> complete("rules", upload, part(1, small1), part(2, small2)));
        assertS3Error(400, "InvalidPart", () -> complete("rules", upload, part(1, big1), part(3, small2)));
        assertS3Error(400, "MalformedXML", () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("rules")
                .uploadId(upload).multipartUpload(m -> m.parts(List.of()))));
        for (int bad : new int[] {0, 10_001}) {
            assertS3Error(400, "InvalidArgument", () -> s3.uploadPart(b -> b.bucket(bucket).key("rules")
                    .uploadId(upload).partNumber(bad), RequestBody.fromString("x")));
        }
        assertS3Error(404, "NoSuchUpload", () -> s3.uploadPart(b -> b.bucket(bucket).key("rules")
                .uploadId("no-such-upload").partNumber(1), RequestBody.fromString("x")));
        assertS3Error(404, "NoSuchUpload", () -> complete("rules", "no-such-upload", part(1, big1)));
        assertS3Error(404, "NoSuchKey", () -> s3.headObject(b -> b.bucket(bucket).key("rules")));
        String etag = complete("rules", upload, part(1, big1), part(2, small2));
        assertTrue(etag.endsWith("-2\""), etag);
    }

    @Test
    void reuploadingAPartReplacesItAndCompletingTwiceGivesTheSameResult() {
        byte[] first = TestData.random(PART, 11);
        byte[] second = TestData.random(PART, 12);
        byte[] last = TestData.random(77, 13);
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key("again")).uploadId();
        uploadPart("again", upload, 1, first);
        String replaced = uploadPart("again", upload, 1, second);
        String tail = uploadPart("again", upload, 2, last);
        assertEquals(List.of(replaced, tail), s3.listParts(b -> b.bucket(bucket).key("again").uploadId(upload))
                .parts().stream().map(p -> p.eTag()).toList());
        String etag = complete("again", upload, part(1, replaced), part(2, tail));
        assertEquals(etag, complete("again", upload, part(1, replaced), part(2, tail)));
        assertArrayEquals(concat(second, last), s3.getObjectAsBytes(b -> b.bucket(bucket).key("again")).asByteArray());
        assertFalse(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads().stream()
                .anyMatch(u -> u.uploadId().equals(upload)), "completed upload is no longer listed");
    }

    private String uploadPart(String key, String upload, int number, byte[] data) {
        return s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(upload).partNumber(number),
                RequestBody.fromBytes(data)).eTag();
    }

    private String complete(String key, String upload, CompletedPart... parts) {
        return s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(upload)
                .multipartUpload(m -> m.parts(parts))).eTag();
    }

    private static CompletedPart part(int number, String etag) {
        return CompletedPart.builder().partNumber(number).eTag(etag).build();
    }

    static byte[] concat(byte[]... chunks) {
        int size = 0;
        for (byte[] chunk : chunks) {
            size += chunk.length;
        }
        byte[] out = new byte[size];
        int at = 0;
        for (byte[] chunk : chunks) {
            System.arraycopy(chunk, 0, out, at, chunk.length);
            at += chunk.length;
        }
        return out;
    }
}

package io.granary.api.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.granary.api.it.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * A test object whose bytes are pseudo-random from a seed and kept in a file under a temp directory (so a
 * 100 MiB object is never held in memory), with its SHA-256: uploaded as one PUT or, when
 * {@code partSize > 0}, as a multipart upload of {@code partSize} parts and a shorter tail. Reads stream
 * the GET body through the digest.
 */
public record SeededObject(String key, long size, int partSize, Path file, String sha256) {

    /** Writes the object's bytes to {@code dir/key} and digests them. */
    public static SeededObject create(Path dir, String key, long size, long seed, int partSize) throws IOException {
        Path file = TestData.randomFile(dir.resolve(key), size, seed);
        return new SeededObject(key, size, partSize, file, TestData.sha256(file));
    }

    /**
     * {@code count} single-PUT objects {@code prefix0, prefix1, ...} of sizes drawn uniformly from
     * {@code minSize..maxSize} by a generator seeded with {@code seed}.
     */
    public static List<SeededObject> several(Path dir, String prefix, int count, int minSize, int maxSize, long seed)
            throws IOException {
        Random sizes = new Random(seed);
        List<SeededObject> objects = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            objects.add(create(dir, prefix + i, minSize + sizes.nextInt(maxSize - minSize + 1), seed * 1000 + i, 0));
        }
        return objects;
    }

    public boolean multipart() {
        return partSize > 0;
    }

    /** Uploads the object: one PutObject, or Create/UploadPart.../Complete. */
    public void upload(S3Client s3, String bucket) throws IOException {
        if (!multipart()) {
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
            return;
        }
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        for (long offset = 0; offset < size; offset += partSize) {
            int number = parts.size() + 1;
            byte[] part = bytes(offset, offset + Math.min(partSize, size - offset) - 1);
            String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(upload).partNumber(number),
                    RequestBody.fromBytes(part)).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        }
        s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(upload)
                .multipartUpload(m -> m.parts(parts)));
    }

    /** GETs the whole object and returns the SHA-256 of the body, streamed. */
    public String readSha256(S3Client s3, String bucket) throws IOException {
        try (ResponseInputStream<GetObjectResponse> body = s3.getObject(b -> b.bucket(bucket).key(key))) {
            return TestData.sha256((InputStream) body);
        }
    }

    /** GETs bytes {@code first..last} (inclusive) with a Range header. */
    public byte[] readRange(S3Client s3, String bucket, long first, long last) throws IOException {
        try (ResponseInputStream<GetObjectResponse> body = s3.getObject(b -> b.bucket(bucket).key(key)
                .range("bytes=" + first + "-" + last))) {
            return body.readAllBytes();
        }
    }

    /** Bytes {@code first..last} (inclusive) as written. */
    public byte[] bytes(long first, long last) throws IOException {
        byte[] out = new byte[(int) (last - first + 1)];
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(first);
            in.readFully(out);
        }
        return out;
    }

    @Override
    public String toString() {
        return key + " (" + size + " bytes" + (multipart() ? ", " + partSize + "-byte parts" : "") + ")";
    }

    /** Every object reads back with its SHA-256; {@code when} names the situation in a failure. */
    public static void assertAllReadBitExact(List<SeededObject> objects, S3Client s3, String bucket, String when)
            throws IOException {
        for (SeededObject object : objects) {
            assertEquals(object.sha256(), object.readSha256(s3, bucket), object + " " + when);
        }
    }
}

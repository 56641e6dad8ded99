package io.granary.bench.load;

import io.vertx.core.Future;
import java.util.Arrays;

/**
 * One multipart upload of a new key per operation: create, then the parts of {@code partSize} bytes with
 * {@code concurrency} part uploads in flight, then complete. Operations run one after another (the concurrency
 * is inside the upload, as an SDK's transfer manager does it); latency is recorded per part.
 */
record MultipartPutOp(RandomPayload payload, long size, long partSize, int concurrency, String prefix)
        implements LoadOp {
    @Override
    public String name() {
        return "mpu";
    }

    @Override
    public int loops() {
        return 1;
    }

    @Override
    public int requestsPerLoop() {
        return concurrency;
    }

    @Override
    public Future<Void> prepare(S3Client s3) {
        return Future.succeededFuture();
    }

    @Override
    public Future<Long> run(S3Client s3, long seq, int loop, Latencies latencies) {
        return upload(s3, payload, prefix + seq, size, partSize, concurrency, latencies).map(size);
    }

    /** A whole multipart upload of {@code size} payload bytes to {@code key}. */
    static Future<Void> upload(S3Client s3, RandomPayload payload, String key, long size, long partSize,
                               int concurrency, Latencies latencies) {
        int parts = LoadOp.partCount(size, partSize);
        String[] etags = new String[parts];
        return s3.createMultipartUpload(key).compose(uploadId -> BoundedParallel.run(parts, concurrency, i -> {
            long offset = i * partSize;
            long length = Math.min(partSize, size - offset);
            return latencies.time(() -> s3.uploadPart(key, uploadId, i + 1, payload, offset, length))
                    .onSuccess(etag -> etags[i] = etag);
        }).compose(v -> s3.completeMultipartUpload(key, uploadId, Arrays.asList(etags))));
    }
}

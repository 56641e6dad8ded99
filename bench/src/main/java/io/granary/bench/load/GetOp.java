package io.granary.bench.load;

import io.vertx.core.Future;

/**
 * GetObject of objects that {@link #prepare} makes sure exist under stable keys, so repeated runs (and the GET
 * after a PUT in a matrix) reuse them. Plain: one object per client, each loop reading its own object whole, one
 * latency per object. Ranged: one object, uploaded as a multipart upload of {@code partSize} parts; an operation
 * downloads all of it as ranged GETs of {@code partSize} with {@code concurrency} ranges in flight, one latency
 * per range. Body bytes are counted and dropped; with {@code verify} a short body fails the run.
 */
final class GetOp implements LoadOp {
    private final S3Client s3;
    private final RandomPayload payload;
    private final long size;
    private final int clients;
    private final long partSize;
    private final boolean ranged;
    private final boolean verify;
    private final String keyPrefix;

    GetOp(S3Client s3, RandomPayload payload, long size, int clients, long partSize, boolean ranged,
          boolean verify) {
        this.s3 = s3;
        this.payload = payload;
        this.size = size;
        this.clients = clients;
        this.partSize = partSize;
        this.ranged = ranged;
        this.verify = verify;
        this.keyPrefix = "s3load/objects/" + ByteSize.format(size)
                + (ranged ? "-mpu" + ByteSize.format(partSize) : "") + "/";
    }

    @Override
    public String name() {
        return ranged ? "get-ranged" : "get";
    }

    @Override
    public int loops() {
        return ranged ? 1 : clients;
    }

    @Override
    public Future<Void> prepare() {
        return BoundedParallel.run(loops(), clients, i -> s3.objectSize(keyPrefix + i).compose(existing -> {
            if (existing == size) return Future.succeededFuture();
            return ranged
                    ? MultipartPutOp.upload(s3, payload, keyPrefix + i, size, partSize, clients, Latencies.NONE)
                    : s3.put(keyPrefix + i, payload, 0, size);
        }));
    }

    @Override
    public Future<Long> run(long seq, int loop, Latencies latencies) {
        String key = keyPrefix + loop;
        if (!ranged) return latencies.time(() -> s3.get(key, -1, -1, verify ? size : -1));
        int parts = LoadOp.partCount(size, partSize);
        return BoundedParallel.run(parts, clients, i -> {
            long first = i * partSize;
            long last = Math.min(size, first + partSize) - 1;
            return latencies.time(() -> s3.get(key, first, last, verify ? last - first + 1 : -1));
        }).map(size);
    }
}

package io.granary.bench.load;

import io.vertx.core.Future;

/**
 * GetObject of objects that {@link #prepare} makes sure exist under stable keys, so repeated runs against one
 * server reuse them. Plain: one object per client, each loop reading its own object whole, one latency per
 * object. Ranged: one object, uploaded as a multipart upload of {@code partSize} parts; an operation downloads all
 * of it as ranged GETs of {@code partSize} with {@code clients} ranges in flight, one latency per range. Body
 * bytes are counted and dropped; with {@code verify} a short body fails the run.
 */
record GetOp(RandomPayload payload, long size, int clients, long partSize, boolean ranged, boolean verify)
        implements LoadOp {
    @Override
    public String name() {
        return ranged ? "get-ranged" : "get";
    }

    @Override
    public int loops() {
        return ranged ? 1 : clients;
    }

    @Override
    public int requestsPerLoop() {
        return ranged ? clients : 1;
    }

    @Override
    public Future<Void> prepare(S3Client s3) {
        return BoundedParallel.run(loops(), clients, i -> s3.objectSize(key(i)).compose(existing -> {
            if (existing == size) return Future.succeededFuture();
            return ranged
                    ? MultipartPutOp.upload(s3, payload, key(i), size, partSize, clients, Latencies.NONE)
                    : s3.put(key(i), payload, 0, size);
        }));
    }

    @Override
    public Future<Long> run(S3Client s3, long seq, int loop, Latencies latencies) {
        String key = key(loop);
        if (!ranged) return latencies.time(() -> s3.get(key, -1, -1, verify ? size : -1));
        int parts = LoadOp.partCount(size, partSize);
        return BoundedParallel.run(parts, clients, i -> {
            long first = i * partSize;
            long last = Math.min(size, first + partSize) - 1;
            return latencies.time(() -> s3.get(key, first, last, verify ? last - first + 1 : -1));
        }).map(size);
    }

    /** Stable per size (and part size for ranged reads, whose objects are multipart uploads). */
    private String key(int index) {
        return "s3load/objects/" + ByteSize.format(size) + (ranged ? "-mpu" + ByteSize.format(partSize) : "") + "/"
                + index;
    }
}

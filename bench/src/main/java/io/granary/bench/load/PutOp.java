package io.granary.bench.load;

import io.vertx.core.Future;

/**
 * PutObject of one new key per operation ({@code prefix/seq}), streamed from the shared random payload, with as
 * many loops as clients. New keys each time, so the server's plain create path is measured, not overwrite.
 */
record PutOp(RandomPayload payload, long size, int clients, String prefix) implements LoadOp {
    @Override
    public String name() {
        return "put";
    }

    @Override
    public int loops() {
        return clients;
    }

    @Override
    public int requestsPerLoop() {
        return 1;
    }

    @Override
    public Future<Void> prepare(S3Client s3) {
        return Future.succeededFuture();
    }

    @Override
    public Future<Long> run(S3Client s3, long seq, int loop, Latencies latencies) {
        return latencies.time(() -> s3.put(prefix + seq, payload, 0, size)).map(size);
    }
}

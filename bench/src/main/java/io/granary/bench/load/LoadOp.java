package io.granary.bench.load;

import io.vertx.core.Future;

/**
 * One kind of operation the load tool repeats (PUT, GET, ranged GET, multipart upload). The driver calls
 * {@link #prepare} once, untimed, then {@link #run} from {@link #loops} concurrent loops until the run's budget is
 * spent, each loop with its own {@link S3Client} of {@link #requestsPerLoop} connections. Each operation records
 * the latency of the requests it makes: the whole object for PUT and GET, each part or range for multipart
 * uploads and ranged downloads.
 */
interface LoadOp {
    /** The label in results: put, get, get-ranged or mpu. */
    String name();

    /** How many loops run operations side by side. */
    int loops();

    /** How many requests one loop has in flight at most. */
    int requestsPerLoop();

    /** Creates what the operation reads; called once before any timing. */
    Future<Void> prepare(S3Client s3);

    /** Operation number {@code seq} on loop {@code loop} over that loop's client; answers the bytes it moved. */
    Future<Long> run(S3Client s3, long seq, int loop, Latencies latencies);

    /** The number of parts of {@code partSize} bytes (the last one shorter) that make up {@code size} bytes. */
    static int partCount(long size, long partSize) {
        return (int) ((size + partSize - 1) / partSize);
    }
}

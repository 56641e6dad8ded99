package io.granary.bench.load;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import java.util.SplittableRandom;

/**
 * The bytes every upload sends: one block of random bytes, generated once per run and at most 64 MiB, repeated
 * when an object is larger (a 1 GiB object is the block sixteen times). Bodies are streamed as slices of the
 * block, never copied, with back-pressure: the next slice is written only while the connection's write queue is
 * not full, so client memory stays at the block plus a few slices per connection whatever the object size.
 */
final class RandomPayload {
    static final int MAX_BLOCK = 64 << 20;
    private static final int SLICE = 256 << 10;

    private final Buffer block;

    RandomPayload(long objectSize, long seed) {
        byte[] bytes = new byte[(int) Math.max(1, Math.min(objectSize, MAX_BLOCK))];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < bytes.length; i += 8) {
            long word = random.nextLong();
            for (int j = i; j < Math.min(i + 8, bytes.length); j++) {
                bytes[j] = (byte) word;
                word >>>= 8;
            }
        }
        this.block = Buffer.buffer(bytes);
    }

    /** Streams bytes [offset, offset + length) of the object as the request body, then ends the request. */
    void writeTo(HttpClientRequest request, long offset, long length) {
        new Pump(request, offset, offset + length).run();
    }

    /** The write loop of one body; runs on the request's context, so its position needs no synchronisation. */
    private final class Pump implements Runnable {
        private final HttpClientRequest request;
        private final long end;
        private long position;

        Pump(HttpClientRequest request, long start, long end) {
            this.request = request;
            this.position = start;
            this.end = end;
        }

        @Override
        public void run() {
            while (position < end && !request.writeQueueFull()) {
                int at = (int) (position % block.length());
                int n = (int) Math.min(Math.min(SLICE, end - position), block.length() - at);
                request.write(block.slice(at, at + n));
                position += n;
            }
            if (position < end) {
                request.drainHandler(v -> run());
            } else {
                request.end();
            }
        }
    }
}

package io.granary.bench.load;

import io.granary.iam.sigv4.SigV4Signing;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

/**
 * The bytes every upload sends: one block of random bytes, generated once per run and at most 64 MiB, repeated
 * when an object is larger (a 1 GiB object is the block sixteen times). Bodies are streamed as slices of the
 * block, never copied, with back-pressure: the next slice is written only while the connection's write queue is
 * not full, so client memory stays at the block plus a few slices per connection whatever the object size.
 */
final class RandomPayload {
    static final int MAX_BLOCK = 64 << 20;
    private static final int SLICE = 256 << 10;

    private final byte[] bytes;
    private final Buffer block;
    private final Map<List<Long>, Digests> digests = new ConcurrentHashMap<>();

    RandomPayload(long objectSize, long seed) {
        this.bytes = new byte[(int) Math.max(1, Math.min(objectSize, MAX_BLOCK))];
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

    /** The SHA-256 (hex) and CRC32 (base64) of a body; CRC32 null for bodies that are not object data. */
    record Digests(String sha256Hex, String crc32Base64) {
        static Digests of(byte[] bytes) {
            return new Digests(SigV4Signing.sha256Hex(bytes), null);
        }
    }

    /** Digests of bytes [offset, offset + length) of the object, computed on first use and kept for the run. */
    Digests digests(long offset, long length) {
        return digests.computeIfAbsent(List.of(offset % block.length(), length), k -> {
            MessageDigest sha256 = SigV4Signing.sha256();
            CRC32 crc = new CRC32();
            for (long position = offset; position < offset + length; ) {
                int at = (int) (position % block.length());
                int n = (int) Math.min(offset + length - position, block.length() - at);
                ByteBuffer slice = ByteBuffer.wrap(bytes, at, n);
                sha256.update(slice.duplicate());
                crc.update(slice);
                position += n;
            }
            long value = crc.getValue();
            byte[] crcBytes = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
            return new Digests(SigV4Signing.hex(sha256.digest()), Base64.getEncoder().encodeToString(crcBytes));
        });
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

package io.granary.datanode;

import io.granary.iam.sigv4.SigV4Signing;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Mac;

/**
 * HMAC-SHA256 over one body of an {@link Exchange}, keyed by the day's cluster key and seeded with the
 * request's signature, so the tag is valid for this body of this request only. Hashing runs on a worker
 * pool (about 1.5 GB/s per core: a 1 MiB frame would hold an event loop for most of a millisecond), in
 * arrival order by chaining each update on the previous one. Under TLS protection the body is not hashed
 * and the tag covers the signature alone: the connection already protects the bytes, and the tag still
 * marks the sender's decision to commit a shard. Updates are called from one context.
 */
final class BodyMac {
    static final int TAG_BYTES = 32;
    /** The worker pool hashing bodies, shared by every client and server of a Vert.x instance. */
    static final String POOL = "granary-mac";
    static final int POOL_SIZE = Math.max(2, Runtime.getRuntime().availableProcessors());
    private static final String PREFIX = "GRANARY2-BODY\n";

    /** Bytes of fresh buffers gathered before one hashing task: a worker hop costs tens of microseconds. */
    static final int BATCH_BYTES = 1 << 20;

    private final Mac mac;
    private final boolean coversBody;
    private final WorkerExecutor executor;
    private final int batchBytes;
    private Future<Void> last = Future.succeededFuture();
    private List<Buffer> queued = new ArrayList<>();
    private long queuedBytes;
    private long pendingBytes;
    private Runnable progress = () -> { };

    /**
     * @param batchBytes 0 when the caller reuses a buffer once its update completed (each update is then hashed
     *     before its future completes); else updates are gathered up to this many bytes per task and their
     *     futures complete at once, for buffers nobody reuses (network reads)
     */
    BodyMac(byte[] key, String signature, boolean coversBody, WorkerExecutor executor, int batchBytes) {
        this.mac = SigV4Signing.newHmacSha256(key);
        this.coversBody = coversBody;
        this.executor = executor;
        this.batchBytes = batchBytes;
        mac.update((PREFIX + signature + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** Called on the caller's context whenever a hashing task finished (back-pressure may be relieved). */
    void onProgress(Runnable action) {
        progress = action;
    }

    /**
     * Adds {@code data}. Unbatched, the future completes once it is hashed (the caller keeps the buffer unchanged
     * until then); batched, at once.
     */
    Future<Void> update(Buffer data) {
        if (!coversBody || data.length() == 0) return Future.succeededFuture();
        pendingBytes += data.length();
        queued.add(data);
        queuedBytes += data.length();
        if (queuedBytes < batchBytes) return Future.succeededFuture();
        Future<Void> hashed = flush();
        return batchBytes == 0 ? hashed : Future.succeededFuture();
    }

    private Future<Void> flush() {
        if (queued.isEmpty()) return last;
        List<Buffer> batch = queued;
        long bytes = queuedBytes;
        queued = new ArrayList<>();
        queuedBytes = 0;
        last = last.compose(v -> executor.<Void>executeBlocking(() -> {
            for (Buffer data : batch) {
                for (ByteBuffer part : ((BufferInternal) data).getByteBuf().nioBuffers()) {
                    mac.update(part);
                }
            }
            return null;
        }, false)).onComplete(done -> {
            pendingBytes -= bytes;
            progress.run();
        });
        return last;
    }

    /** Whether the tag covers the body's bytes (MAC protection) or only the signature (TLS). */
    boolean coversBody() {
        return coversBody;
    }

    /** Bytes given to {@link #update} and not hashed yet: the caller's back-pressure signal. */
    long pendingBytes() {
        return pendingBytes;
    }

    /** The tag, once every update is hashed; the MAC is spent afterwards. */
    Future<byte[]> tag() {
        return flush().map(v -> mac.doFinal());
    }
}

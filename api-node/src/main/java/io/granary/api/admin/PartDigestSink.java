package io.granary.api.admin;

import io.granary.api.async.Pools;
import io.granary.api.pipeline.Buffers;
import io.granary.metadata.model.PartLayout;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * The end of a drill read: takes an object's bytes as they stream, cuts them at part boundaries and
 * checks each part's MD5 against the part's ETag (every part's ETag is the hex MD5 of its bytes: single
 * PUTs, copies and multipart parts alike), or, for a part encrypted at rest, the CRC32C of its stored
 * blocks against the one its sealing recorded, so the drill needs no key. Hashing runs on the codec
 * pool, chained so bytes are hashed in order; at most {@link #MAX_PENDING} buffers wait, which pushes
 * back on the reader. The verdict is known once {@link #end()} completes: {@link #mismatch()} is null
 * only if every part matched and the byte count is exactly the object's size. Write-side methods are
 * event-loop confined.
 */
final class PartDigestSink implements WriteStream<Buffer> {
    static final int MAX_PENDING = 2;

    private final Pools pools;
    private final List<PartLayout> parts;
    private final MessageDigest md5;
    private final CRC32C crc = new CRC32C();
    private Future<Void> chain = Future.succeededFuture();
    private int pending;
    private Handler<Void> drainHandler;

    // Touched only by the chained hashing tasks, one after another.
    private int partIndex;
    private long partFilled;
    private long bytes;
    private String mismatch;

    PartDigestSink(Pools pools, List<PartLayout> parts) {
        this.pools = pools;
        this.parts = List.copyOf(parts);
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    @Override
    public Future<Void> write(Buffer data) {
        pending++;
        chain = chain.compose(v -> pools.codec(() -> {
            digest(Buffers.view(data));
            return null;
        }));
        return chain.onComplete(done -> {
            if (--pending == MAX_PENDING - 1 && drainHandler != null) drainHandler.handle(null);
        });
    }

    @Override
    public Future<Void> end() {
        chain = chain.compose(v -> pools.codec(() -> {
            closeFullParts();
            if (partIndex < parts.size() && mismatch == null) {
                mismatch = "read " + bytes + " bytes, but the object has " + totalSize();
            }
            return null;
        }));
        return chain;
    }

    /** Why the bytes are not the object's, or null if they are; valid once {@link #end()} completed. */
    String mismatch() {
        return mismatch;
    }

    long bytes() {
        return bytes;
    }

    private void digest(ByteBuffer data) {
        bytes += data.remaining();
        while (data.hasRemaining()) {
            closeFullParts();
            if (partIndex == parts.size()) {
                if (mismatch == null) mismatch = "read more bytes than the object's " + totalSize();
                return;
            }
            int take = (int) Math.min(parts.get(partIndex).size() - partFilled, data.remaining());
            if (parts.get(partIndex).sealing() == null) {
                md5.update(data.slice(data.position(), take));
            } else {
                crc.update(data.slice(data.position(), take));
            }
            data.position(data.position() + take);
            partFilled += take;
        }
    }

    /** Checks every part whose bytes are all in (zero-length parts included) and moves past it. */
    private void closeFullParts() {
        while (partIndex < parts.size() && partFilled == parts.get(partIndex).size()) {
            PartLayout part = parts.get(partIndex);
            boolean sealed = part.sealing() != null;
            String actual = sealed ? String.format(Locale.ROOT, "%08x", crc.getValue())
                    : HexFormat.of().formatHex(md5.digest());
            crc.reset();
            String expected = sealed ? part.sealing().storedCrc32c()
                    : part.etag().replace("\"", "").toLowerCase(Locale.ROOT);
            if (!actual.equals(expected) && mismatch == null) {
                mismatch = "part " + part.partNumber() + " read back with " + (sealed ? "stored CRC32C " : "MD5 ")
                        + actual + ", but its " + (sealed ? "sealing records " : "ETag is ") + expected;
            }
            partIndex++;
            partFilled = 0;
        }
    }

    private long totalSize() {
        long total = 0;
        for (PartLayout part : parts) total += part.size();
        return total;
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        return this;
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
        return this;
    }

    @Override
    public boolean writeQueueFull() {
        return pending >= MAX_PENDING;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
        this.drainHandler = handler;
        return this;
    }
}

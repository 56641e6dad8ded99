package io.granary.erasure;

import java.nio.ByteBuffer;

/** Where a {@link StripeDecoder} pulls framed chunks from: one shard's frame of one stripe. */
@FunctionalInterface
public interface FrameSource {
    /**
     * The frame of shard {@code shard} for stripe {@code stripe}, positioned at its first byte, or
     * null if that shard cannot be read (node down, file missing, I/O error).
     */
    ByteBuffer frame(int shard, long stripe);
}

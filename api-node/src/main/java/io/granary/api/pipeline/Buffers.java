package io.granary.api.pipeline;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.ByteBuffer;

/**
 * Zero-copy views between Vert.x {@link Buffer}s and NIO {@link ByteBuffer}s. The stripe path moves
 * a gigabyte through here per gigabyte stored, so a copy on each side would double its memory traffic.
 * Views share content: the owner of the bytes decides when they may be reused.
 */
public final class Buffers {

    private Buffers() {
    }

    /** A Buffer over the remaining bytes of {@code bytes}, without copying. */
    public static Buffer wrap(ByteBuffer bytes) {
        return BufferInternal.buffer(Unpooled.wrappedBuffer(bytes));
    }

    /** A ByteBuffer view of {@code buffer}'s bytes, without copying when the buffer allows it. */
    public static ByteBuffer view(Buffer buffer) {
        return ((BufferInternal) buffer).getByteBuf().nioBuffer();
    }
}

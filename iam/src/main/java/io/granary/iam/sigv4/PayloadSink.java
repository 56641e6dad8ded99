package io.granary.iam.sigv4;

import java.nio.ByteBuffer;

/**
 * Receives decoded payload bytes. The buffer is a view into the caller's input and is valid only during the
 * call: copy what must outlive it. Bytes arrive before the chunk or body they belong to is verified, so the
 * receiver must not commit anything until the decoder's {@code finish()} has returned normally.
 */
@FunctionalInterface
public interface PayloadSink {
    void accept(ByteBuffer payload);
}

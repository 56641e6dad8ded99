package io.granary.iam.checksum;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * An incremental checksum or digest fed as bytes arrive. Implementations never copy the caller's
 * bytes: heap and direct buffers are read in place. {@link #digest()} returns the value of
 * everything fed since the last reset and then resets, like {@link java.security.MessageDigest}.
 * Instances are not thread-safe; use one per stream.
 */
public interface StreamingChecksum {

    /** Feeds the bytes between the buffer's position and limit; the position ends at the limit. */
    void update(ByteBuffer buffer);

    void update(byte[] bytes, int offset, int length);

    default void update(byte[] bytes) {
        update(bytes, 0, bytes.length);
    }

    /** The value in its binary wire form (big-endian for CRCs), then resets. */
    byte[] digest();

    /** The value base64-encoded as S3 sends it in {@code x-amz-checksum-*} headers, then resets. */
    default String digestBase64() {
        return Base64.getEncoder().encodeToString(digest());
    }

    /** Forgets everything fed so far. */
    void reset();
}

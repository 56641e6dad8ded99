package io.granary.iam.checksum;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** A {@link StreamingChecksum} over a JDK {@link MessageDigest} (MD5, SHA-1, SHA-256). */
final class MessageDigestChecksum implements StreamingChecksum {
    private final MessageDigest digest;

    MessageDigestChecksum(String jdkName) {
        try {
            this.digest = MessageDigest.getInstance(jdkName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jdkName + " is required by every Java platform", e);
        }
    }

    @Override
    public void update(ByteBuffer buffer) {
        digest.update(buffer);
    }

    @Override
    public void update(byte[] bytes, int offset, int length) {
        digest.update(bytes, offset, length);
    }

    @Override
    public byte[] digest() {
        return digest.digest();
    }

    @Override
    public void reset() {
        digest.reset();
    }
}

package io.granary.api.pipeline;

import io.granary.iam.checksum.ChecksumAlgorithm;
import io.granary.iam.checksum.Md5;
import io.granary.iam.checksum.StreamingChecksum;
import java.nio.ByteBuffer;

/**
 * The digests computed over an object's (decoded) bytes as they stream: always MD5 (the ETag and
 * Content-MD5), plus the one {@code x-amz-checksum-*} algorithm the request names, if any. Runs on
 * the codec pool, one upload's pieces in order. Not thread-safe.
 */
public final class PayloadDigests {
    private final StreamingChecksum md5 = Md5.newChecksum();
    private final ChecksumAlgorithm algorithm;
    private final StreamingChecksum checksum;
    private long length;

    /** @param algorithm the checksum to compute besides MD5, or null */
    public PayloadDigests(ChecksumAlgorithm algorithm) {
        this.algorithm = algorithm;
        this.checksum = algorithm == null ? null : algorithm.newChecksum();
    }

    public void update(ByteBuffer bytes) {
        length += bytes.remaining();
        md5.update(bytes.duplicate());
        if (checksum != null) checksum.update(bytes.duplicate());
    }

    /** Final values; call once, after the last update. */
    public Result finish() {
        return new Result(length, md5.digest(), algorithm, checksum == null ? null : checksum.digest());
    }

    /**
     * The digests of a whole payload.
     *
     * @param checksum the value of {@code algorithm}, or null when no algorithm was requested
     */
    public record Result(long length, byte[] md5, ChecksumAlgorithm algorithm, byte[] checksum) {
    }
}

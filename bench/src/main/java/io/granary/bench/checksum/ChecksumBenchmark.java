package io.granary.bench.checksum;

import io.granary.iam.checksum.ChecksumAlgorithm;
import io.granary.iam.checksum.Md5;
import io.granary.iam.checksum.StreamingChecksum;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of the checksums over one 1 MiB buffer (heap or direct), ours beside the raw JDK
 * classes they wrap. Scores are operations per second; multiply by 1 MiB for bytes per second.
 * Targets (issue 5): ours at least 0.9x the JDK for CRC32 and CRC32C; CRC64NVME at least 1 GB/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ChecksumBenchmark {
    private static final int SIZE = 1 << 20;

    @Param({"heap", "direct"})
    public String memory;

    private ByteBuffer buffer;
    private final CRC32 jdkCrc32 = new CRC32();
    private final CRC32C jdkCrc32c = new CRC32C();
    private final StreamingChecksum crc32 = ChecksumAlgorithm.CRC32.newChecksum();
    private final StreamingChecksum crc32c = ChecksumAlgorithm.CRC32C.newChecksum();
    private final StreamingChecksum crc64nvme = ChecksumAlgorithm.CRC64NVME.newChecksum();
    private final StreamingChecksum sha256 = ChecksumAlgorithm.SHA256.newChecksum();
    private final StreamingChecksum md5 = Md5.newChecksum();
    private MessageDigest jdkSha256;
    private MessageDigest jdkMd5;

    @Setup
    public void setUp() throws NoSuchAlgorithmException {
        byte[] data = new byte[SIZE];
        new Random(1).nextBytes(data);
        buffer = "direct".equals(memory) ? ByteBuffer.allocateDirect(SIZE) : ByteBuffer.allocate(SIZE);
        buffer.put(data).flip();
        jdkSha256 = MessageDigest.getInstance("SHA-256");
        jdkMd5 = MessageDigest.getInstance("MD5");
    }

    @Benchmark
    public long crc32Jdk() {
        jdkCrc32.reset();
        jdkCrc32.update(buffer.duplicate());
        return jdkCrc32.getValue();
    }

    @Benchmark
    public byte[] crc32Ours() {
        crc32.update(buffer.duplicate());
        return crc32.digest();
    }

    @Benchmark
    public long crc32cJdk() {
        jdkCrc32c.reset();
        jdkCrc32c.update(buffer.duplicate());
        return jdkCrc32c.getValue();
    }

    @Benchmark
    public byte[] crc32cOurs() {
        crc32c.update(buffer.duplicate());
        return crc32c.digest();
    }

    @Benchmark
    public byte[] crc64nvmeOurs() {
        crc64nvme.update(buffer.duplicate());
        return crc64nvme.digest();
    }

    @Benchmark
    public byte[] sha256Jdk() {
        jdkSha256.update(buffer.duplicate());
        return jdkSha256.digest();
    }

    @Benchmark
    public byte[] sha256Ours() {
        sha256.update(buffer.duplicate());
        return sha256.digest();
    }

    @Benchmark
    public byte[] md5Jdk() {
        jdkMd5.update(buffer.duplicate());
        return jdkMd5.digest();
    }

    @Benchmark
    public byte[] md5Ours() {
        md5.update(buffer.duplicate());
        return md5.digest();
    }
}

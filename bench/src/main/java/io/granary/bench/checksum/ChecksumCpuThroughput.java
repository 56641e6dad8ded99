package io.granary.bench.checksum;

import io.granary.iam.checksum.ChecksumAlgorithm;
import io.granary.iam.checksum.Md5;
import io.granary.iam.checksum.StreamingChecksum;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.ToLongFunction;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The same comparisons as {@link ChecksumBenchmark}, timed by the thread's CPU time instead of the
 * wall clock, so that figures stay usable on a shared, overloaded machine (time spent preempted is
 * not counted). Not a JMH benchmark: a warm-up round, then five measured rounds, best reported.
 * Run: {@code java -cp bench/target/benchmarks.jar io.granary.bench.checksum.ChecksumCpuThroughput}.
 */
public final class ChecksumCpuThroughput {
    private static final int SIZE = 1 << 20;
    private static final long BUDGET_NANOS = 300_000_000L;
    /** Written with every result so the JIT cannot discard the work being timed. */
    private static volatile long blackhole;

    private ChecksumCpuThroughput() {
    }

    public static void main(String[] args) throws NoSuchAlgorithmException {
        byte[] data = new byte[SIZE];
        new Random(1).nextBytes(data);
        ByteBuffer direct = ByteBuffer.allocateDirect(SIZE).put(data).flip();
        for (ByteBuffer buffer : new ByteBuffer[] {ByteBuffer.wrap(data), direct}) {
            String memory = buffer.isDirect() ? "direct" : "heap";
            for (Map.Entry<String, ToLongFunction<ByteBuffer>> op : operations().entrySet()) {
                measure(op.getValue(), buffer);
                double best = 0;
                for (int round = 0; round < 5; round++) {
                    best = Math.max(best, measure(op.getValue(), buffer));
                }
                System.out.printf("%-16s %-6s %8.2f GB/s%n", op.getKey(), memory, best);
            }
        }
    }

    private static Map<String, ToLongFunction<ByteBuffer>> operations() throws NoSuchAlgorithmException {
        CRC32 crc32 = new CRC32();
        CRC32C crc32c = new CRC32C();
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        Map<String, ToLongFunction<ByteBuffer>> ops = new LinkedHashMap<>();
        ops.put("crc32 jdk", b -> jdk(crc32, b));
        ops.put("crc32 ours", ours(ChecksumAlgorithm.CRC32.newChecksum()));
        ops.put("crc32c jdk", b -> jdk(crc32c, b));
        ops.put("crc32c ours", ours(ChecksumAlgorithm.CRC32C.newChecksum()));
        ops.put("crc64nvme ours", ours(ChecksumAlgorithm.CRC64NVME.newChecksum()));
        ops.put("sha256 jdk", b -> digest(sha256, b));
        ops.put("sha256 ours", ours(ChecksumAlgorithm.SHA256.newChecksum()));
        ops.put("md5 jdk", b -> digest(md5, b));
        ops.put("md5 ours", ours(Md5.newChecksum()));
        return ops;
    }

    private static long jdk(Checksum checksum, ByteBuffer buffer) {
        checksum.reset();
        checksum.update(buffer.duplicate());
        return checksum.getValue();
    }

    private static long digest(MessageDigest digest, ByteBuffer buffer) {
        digest.update(buffer.duplicate());
        return digest.digest()[0];
    }

    private static ToLongFunction<ByteBuffer> ours(StreamingChecksum checksum) {
        return buffer -> {
            checksum.update(buffer.duplicate());
            return checksum.digest()[0];
        };
    }

    /** Bytes per CPU nanosecond (= GB/s) over about {@link #BUDGET_NANOS} of CPU time. */
    private static double measure(ToLongFunction<ByteBuffer> op, ByteBuffer buffer) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        long runs = 0;
        long start = threads.getCurrentThreadCpuTime();
        long elapsed;
        do {
            sink += op.applyAsLong(buffer);
            runs++;
            elapsed = threads.getCurrentThreadCpuTime() - start;
        } while (elapsed < BUDGET_NANOS);
        blackhole = sink;
        return (double) runs * SIZE / elapsed;
    }
}

package io.granary.bench.erasure;

import io.granary.erasure.ReedSolomon;
import io.granary.erasure.TooFewShardsException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * Raw 4+2 codec throughput. One op is one 1 MiB stripe: four 256 KiB data shards encoded into two
 * parity shards, or (decode) two lost data shards rebuilt from the other four. MB/s = ops/s × 1 MiB.
 */
public class CodecBenchmark extends OneStripeBenchmark {
    static final int STRIPE = 1 << 20;
    static final int DATA = 4;
    static final int PARITY = 2;

    private ReedSolomon codec;
    private byte[][] shards;
    private ByteBuffer[] buffers;
    private boolean[] present;

    @Setup
    public void setUp() {
        codec = codec(impl, DATA, PARITY);
        shards = new byte[DATA + PARITY][STRIPE / DATA];
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < DATA; i++) {
            random.nextBytes(shards[i]);
        }
        codec.encode(shards);
        buffers = new ByteBuffer[DATA + PARITY];
        Arrays.setAll(buffers, i -> ByteBuffer.wrap(shards[i]));
        present = new boolean[DATA + PARITY];
        Arrays.fill(present, true);
        present[0] = false;
        present[2] = false;
    }

    @Benchmark
    public byte[][] encode() {
        codec.encode(shards);
        return shards;
    }

    /** Data shards 0 and 2 are lost and rebuilt in place from shards 1, 3, 4 and 5. */
    @Benchmark
    public ByteBuffer[] decode() throws TooFewShardsException {
        codec.reconstruct(buffers, present);
        return buffers;
    }
}

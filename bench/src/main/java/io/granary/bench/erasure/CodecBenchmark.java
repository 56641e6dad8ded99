package io.granary.bench.erasure;

import io.granary.erasure.ReedSolomon;
import io.granary.erasure.ScalarReedSolomon;
import io.granary.erasure.TooFewShardsException;
import io.granary.erasure.VectorReedSolomon;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Raw 4+2 codec throughput. One op is one 1 MiB stripe: four 256 KiB data shards encoded into two
 * parity shards, or (decode) two lost data shards rebuilt from the other four. MB/s = ops/s × 1 MiB.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CodecBenchmark {
    static final int STRIPE = 1 << 20;
    static final int DATA = 4;
    static final int PARITY = 2;

    @Param({"scalar", "vector"})
    public String impl;

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

    static ReedSolomon codec(String impl, int dataShards, int parityShards) {
        return switch (impl) {
            case "scalar" -> new ScalarReedSolomon(dataShards, parityShards);
            case "vector" -> new VectorReedSolomon(dataShards, parityShards);
            default -> throw new IllegalArgumentException("impl must be scalar or vector, got " + impl);
        };
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

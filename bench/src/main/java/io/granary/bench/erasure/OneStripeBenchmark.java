package io.granary.bench.erasure;

import io.granary.erasure.ReedSolomon;
import io.granary.erasure.ScalarReedSolomon;
import io.granary.erasure.VectorReedSolomon;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Settings shared by the erasure benchmarks (JMH inherits them): one op is one 1 MiB stripe, so
 * MB/s = ops/s × 1 MiB; {@code impl} picks the codec directly, and the forked JVM gets the Vector
 * API module so that the vector codec can load.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public abstract class OneStripeBenchmark {
    @Param({"scalar", "vector"})
    public String impl;

    static ReedSolomon codec(String impl, int dataShards, int parityShards) {
        return switch (impl) {
            case "scalar" -> new ScalarReedSolomon(dataShards, parityShards);
            case "vector" -> new VectorReedSolomon(dataShards, parityShards);
            default -> throw new IllegalArgumentException("impl must be scalar or vector, got " + impl);
        };
    }
}

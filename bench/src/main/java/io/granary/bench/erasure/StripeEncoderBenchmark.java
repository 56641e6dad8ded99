package io.granary.bench.erasure;

import io.granary.erasure.EncodedStripe;
import io.granary.erasure.StripeEncoder;
import io.granary.erasure.StripeLayout;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * The write path's CPU cost per stripe: one op pushes 1 MiB through a {@link StripeEncoder} in 64 KiB
 * pieces (as they come off a socket), which copies it into the data frames, encodes parity in
 * place, and frames all six chunks with CRC32C. Compare with {@link CodecBenchmark#encode}.
 */
public class StripeEncoderBenchmark extends OneStripeBenchmark {
    private static final int PIECE = 64 * 1024;

    private byte[] object;
    private StripeEncoder encoder;
    private long emitted;

    @Setup
    public void setUp() {
        StripeLayout layout = StripeLayout.defaults();
        object = new byte[layout.blockSize()];
        new SplittableRandom(7).nextBytes(object);
        encoder = new StripeEncoder(codec(impl, layout.dataShards(), layout.parityShards()), layout,
                this::consume);
    }

    private void consume(EncodedStripe stripe) {
        emitted += stripe.chunkSize();
        stripe.release();
    }

    @Benchmark
    public long encodeStripe() {
        for (int at = 0; at < object.length; at += PIECE) {
            encoder.write(object, at, PIECE);
        }
        return emitted;
    }
}

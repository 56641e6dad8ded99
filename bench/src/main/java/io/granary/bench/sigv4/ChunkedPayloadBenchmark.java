package io.granary.bench.sigv4;

import io.granary.iam.sigv4.AwsChunkedDecoder;
import io.granary.iam.sigv4.ChunkSignatureVerifier;
import io.granary.iam.sigv4.CredentialScope;
import io.granary.iam.sigv4.PayloadMode;
import io.granary.iam.sigv4.SigV4Signing;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding a 1 MiB STREAMING-AWS4-HMAC-SHA256-PAYLOAD body in 64 KiB signed chunks (chunk signature chain and
 * SHA-256 of every chunk), fed in socket-sized pieces, against plain {@link MessageDigest} SHA-256 of the same
 * 1 MiB in the same pieces. Target (issue 5): decode throughput at least 0.9x the raw SHA-256 throughput.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ChunkedPayloadBenchmark {
    private static final int BODY = 1 << 20;
    private static final int CHUNK = 64 << 10;
    private static final String DATE = "20250601T120000Z";
    private static final CredentialScope SCOPE = new CredentialScope("AKID", "20250601", "us-east-1", "s3");

    @Param({"16384"})
    public int pieceSize;

    private byte[] payload;
    private byte[] wire;
    private byte[] signingKey;
    private String seed;

    @Setup
    public void setUp() {
        payload = new byte[BODY];
        new Random(42).nextBytes(payload);
        signingKey = SigV4Signing.signingKey("secret", "20250601", "us-east-1", "s3");
        seed = "a".repeat(64);
        ByteArrayOutputStream out = new ByteArrayOutputStream(BODY + 4096);
        String previous = seed;
        for (int at = 0; at <= BODY; at += CHUNK) {
            int n = Math.min(CHUNK, BODY - at);
            byte[] chunk = Arrays.copyOfRange(payload, at, at + n);
            String stringToSign = "AWS4-HMAC-SHA256-PAYLOAD\n" + DATE + "\n" + SCOPE.scope() + "\n" + previous + "\n"
                    + SigV4Signing.EMPTY_SHA256 + "\n" + SigV4Signing.sha256Hex(chunk);
            previous = SigV4Signing.hex(SigV4Signing.hmacSha256(signingKey, stringToSign));
            out.writeBytes((Integer.toHexString(n) + ";chunk-signature=" + previous + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(chunk);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (n == 0) break;
        }
        wire = out.toByteArray();
    }

    @Benchmark
    public long decodeSignedChunks(Blackhole blackhole) {
        AwsChunkedDecoder decoder = new AwsChunkedDecoder(new PayloadMode.Streaming(seed, BODY),
                new ChunkSignatureVerifier(signingKey, DATE, SCOPE, seed), blackhole::consume);
        for (int at = 0; at < wire.length; at += pieceSize) {
            decoder.feed(ByteBuffer.wrap(wire, at, Math.min(pieceSize, wire.length - at)));
        }
        decoder.finish();
        return decoder.payloadLength();
    }

    @Benchmark
    public byte[] rawSha256() {
        MessageDigest digest = SigV4Signing.sha256();
        for (int at = 0; at < payload.length; at += pieceSize) {
            digest.update(payload, at, Math.min(pieceSize, payload.length - at));
        }
        return digest.digest();
    }

    /** The same raw hash through {@code update(ByteBuffer)}, the call the decoder makes. */
    @Benchmark
    public byte[] rawSha256ByteBuffer() {
        MessageDigest digest = SigV4Signing.sha256();
        for (int at = 0; at < payload.length; at += pieceSize) {
            digest.update(ByteBuffer.wrap(payload, at, Math.min(pieceSize, payload.length - at)));
        }
        return digest.digest();
    }
}

package io.granary.bench.sigv4;

import io.granary.iam.sigv4.AuthResult;
import io.granary.iam.sigv4.CanonicalRequest;
import io.granary.iam.sigv4.Credential;
import io.granary.iam.sigv4.HeaderMap;
import io.granary.iam.sigv4.QueryParameters;
import io.granary.iam.sigv4.SigV4Signing;
import io.granary.iam.sigv4.SigV4Verifier;
import io.granary.iam.sigv4.SignedRequest;
import io.granary.iam.sigv4.SigningKeyCache;
import io.granary.iam.sigv4.SigningRules;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of verifying a header-signed S3 PutObject request (typical SDK header set, literal payload hash) with the
 * signing key already cached. Target (issue 5): at most 10 µs per request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SigV4VerifyBenchmark {
    private static final String ACCESS_KEY = "AKIDGRANARYBENCH";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYBENCHKEY";
    private static final String DATE = "20250601T120000Z";

    private SigV4Verifier verifier;
    private SignedRequest request;

    @Setup
    public void setUp() {
        String payloadHash = SigV4Signing.sha256Hex(new byte[1024]);
        List<String> signed = List.of("amz-sdk-invocation-id", "amz-sdk-request", "content-length", "content-type",
                "host", "x-amz-content-sha256", "x-amz-date", "x-amz-meta-colour");
        HeaderMap.Builder headers = HeaderMap.builder().add("Host", "s3.granary.test:9000")
                .add("amz-sdk-invocation-id", "5b1e1d2c-6a0e-4c4f-9a43-2f3f1b6f2a11")
                .add("amz-sdk-request", "attempt=1; max=4").add("Content-Length", "1024")
                .add("Content-Type", "application/octet-stream").add("User-Agent", "aws-sdk-java/2.57.8 md/io#sync")
                .add("X-Amz-Content-Sha256", payloadHash).add("X-Amz-Date", DATE).add("x-amz-meta-colour", "blue");
        SignedRequest unsigned = new SignedRequest("PUT", "/bucket/photos/2025/06/holiday%20pic.jpg", "",
                headers.build());
        String scope = "20250601/us-east-1/s3/aws4_request";
        String stringToSign = CanonicalRequest.of(unsigned, QueryParameters.parse(""), null, signed, payloadHash,
                false).stringToSign(DATE, scope);
        byte[] key = SigV4Signing.signingKey(SECRET, "20250601", "us-east-1", "s3");
        String signature = SigV4Signing.hex(SigV4Signing.hmacSha256(key, stringToSign));
        headers.add("Authorization", "AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/" + scope + ", SignedHeaders="
                + String.join(";", signed) + ", Signature=" + signature);
        request = new SignedRequest(unsigned.method(), unsigned.rawPath(), "", headers.build());
        Clock clock = Clock.fixed(Instant.parse("2025-06-01T12:01:00Z"), ZoneOffset.UTC);
        Credential credential = new Credential(ACCESS_KEY, SECRET, "bench-user");
        verifier = new SigV4Verifier(id -> Optional.of(credential), new SigningKeyCache(1024), clock,
                SigningRules.s3("us-east-1"));
        if (!(verifier.authenticate(request) instanceof AuthResult.Authenticated)) {
            throw new IllegalStateException("benchmark request does not verify");
        }
    }

    @Benchmark
    public AuthResult verifyHeaderSignedRequest() {
        return verifier.authenticate(request);
    }
}

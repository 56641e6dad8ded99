package io.granary.bench.iam;

import io.granary.iam.sigv4.CanonicalRequest;
import io.granary.iam.sigv4.HeaderMap;
import io.granary.iam.sigv4.QueryParameters;
import io.granary.iam.sigv4.SigV4Signing;
import io.granary.iam.sigv4.SignedRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A GetObject request header-signed with SigV4 the way the AWS SDK v2 sends it (its usual header set, the empty
 * payload's hash), optionally with temporary credentials' {@code x-amz-security-token}, and the clock a verifier
 * must use to find it fresh.
 */
final class SignedGet {
    static final Clock VERIFIER_CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:01:00Z"), ZoneOffset.UTC);
    private static final String DATE = "20250601T120000Z";
    private static final String SCOPE = "20250601/us-east-1/s3/aws4_request";

    private SignedGet() {
    }

    /** @param sessionToken the session token of temporary credentials, or null for a long-term key */
    static SignedRequest of(String accessKeyId, String secret, String sessionToken) {
        String payloadHash = SigV4Signing.sha256Hex(new byte[0]);
        List<String> signed = new ArrayList<>(List.of("amz-sdk-invocation-id", "amz-sdk-request", "host",
                "x-amz-content-sha256", "x-amz-date"));
        HeaderMap.Builder headers = HeaderMap.builder().add("Host", "s3.granary.test:9000")
                .add("amz-sdk-invocation-id", "5b1e1d2c-6a0e-4c4f-9a43-2f3f1b6f2a11")
                .add("amz-sdk-request", "attempt=1; max=4").add("User-Agent", "aws-sdk-java/2.57.8 md/io#sync")
                .add("X-Amz-Content-Sha256", payloadHash).add("X-Amz-Date", DATE);
        if (sessionToken != null) {
            headers.add("X-Amz-Security-Token", sessionToken);
            signed.add("x-amz-security-token");
        }
        String path = "/" + BenchPolicies.BUCKET + "/2025/06/holiday%20pic.jpg";
        SignedRequest unsigned = new SignedRequest("GET", path, "", headers.build());
        String stringToSign = CanonicalRequest.of(unsigned, QueryParameters.parse(""), null, signed, payloadHash,
                false).stringToSign(DATE, SCOPE);
        byte[] key = SigV4Signing.signingKey(secret, "20250601", "us-east-1", "s3");
        String signature = SigV4Signing.hex(SigV4Signing.hmacSha256(key, stringToSign));
        headers.add("Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKeyId + "/" + SCOPE + ", SignedHeaders="
                + String.join(";", signed) + ", Signature=" + signature);
        return new SignedRequest("GET", path, "", headers.build());
    }
}

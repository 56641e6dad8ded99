package io.granary.api.cli.admin;

import io.granary.iam.sigv4.CanonicalRequest;
import io.granary.iam.sigv4.HeaderMap;
import io.granary.iam.sigv4.QueryParameters;
import io.granary.iam.sigv4.SigV4Signing;
import io.granary.iam.sigv4.SignedRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Client-side AWS Signature V4 (header form; service {@code s3} for the admin API, {@code iam} for the
 * IAM API) for the admin CLI's requests: signs
 * {@code host}, {@code x-amz-content-sha256} and {@code x-amz-date} with the same canonical-request code
 * the server verifies with, so the two cannot drift apart.
 */
public final class RequestSigner {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final List<String> SIGNED = List.of("host", "x-amz-content-sha256", "x-amz-date");

    private final String accessKey;
    private final String secretKey;
    private final String region;

    public RequestSigner(String accessKey, String secretKey, String region) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.region = region;
    }

    /**
     * The headers to send with a request to {@code uri} (path and query already percent-encoded);
     * {@code host} is for the signature only: the HTTP client sends the same value itself.
     */
    public Map<String, String> sign(String method, URI uri, byte[] body, Instant now) {
        return sign("s3", method, uri, body, now);
    }

    /** {@link #sign(String, URI, byte[], Instant)} for {@code service}'s credential scope. */
    public Map<String, String> sign(String service, String method, URI uri, byte[] body, Instant now) {
        String timestamp = TIMESTAMP.format(now);
        String date = timestamp.substring(0, 8);
        String payloadHash = SigV4Signing.sha256Hex(body);
        String host = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", host);
        headers.put("x-amz-content-sha256", payloadHash);
        headers.put("x-amz-date", timestamp);
        HeaderMap.Builder map = HeaderMap.builder();
        headers.forEach(map::add);
        String rawPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String rawQuery = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        CanonicalRequest canonical = CanonicalRequest.of(new SignedRequest(method, rawPath, rawQuery, map.build()),
                QueryParameters.parse(rawQuery), null, SIGNED, payloadHash, false);
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        byte[] key = SigV4Signing.signingKey(secretKey, date, region, service);
        String signature = SigV4Signing.hex(SigV4Signing.hmacSha256(key, canonical.stringToSign(timestamp, scope)
                .getBytes(StandardCharsets.UTF_8)));
        headers.put("authorization", SigV4Signing.ALGORITHM + " Credential=" + accessKey + "/" + scope
                + ", SignedHeaders=" + String.join(";", SIGNED) + ", Signature=" + signature);
        headers.remove("host");
        return headers;
    }
}

package io.granary.api.cli.admin;

import io.granary.iam.sigv4.CanonicalRequest;
import io.granary.iam.sigv4.HeaderMap;
import io.granary.iam.sigv4.PayloadMode;
import io.granary.iam.sigv4.QueryParameters;
import io.granary.iam.sigv4.SigV4Signing;
import io.granary.iam.sigv4.SignedRequest;
import java.net.URI;
import java.net.URLEncoder;
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
        return sign(service, method, uri, SigV4Signing.sha256Hex(body), now);
    }

    /**
     * Signs with {@code payloadHash} as the {@code x-amz-content-sha256} value, e.g. {@code UNSIGNED-PAYLOAD}
     * for a body streamed through without being read first (the web console's uploads).
     */
    public Map<String, String> sign(String service, String method, URI uri, String payloadHash, Instant now) {
        String timestamp = TIMESTAMP.format(now);
        String date = timestamp.substring(0, 8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", authority(uri));
        headers.put("x-amz-content-sha256", payloadHash);
        headers.put("x-amz-date", timestamp);
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String signature = signature(new SignedRequest(method, rawPath(uri), rawQuery(uri), headerMap(headers)),
                SIGNED, payloadHash, timestamp, scope, service);
        headers.put("authorization", SigV4Signing.ALGORITHM + " Credential=" + accessKey + "/" + scope
                + ", SignedHeaders=" + String.join(";", SIGNED) + ", Signature=" + signature);
        headers.remove("host");
        return headers;
    }

    /**
     * A presigned S3 URL for {@code method} on {@code uri} (path percent-encoded, no query), valid for
     * {@code expiresSeconds} from {@code now}: only {@code host} is signed, the payload is {@code UNSIGNED-PAYLOAD}.
     */
    public URI presign(String method, URI uri, long expiresSeconds, Instant now) {
        String timestamp = TIMESTAMP.format(now);
        String scope = timestamp.substring(0, 8) + "/" + region + "/s3/aws4_request";
        String query = "X-Amz-Algorithm=" + SigV4Signing.ALGORITHM
                + "&X-Amz-Credential=" + URLEncoder.encode(accessKey + "/" + scope, StandardCharsets.UTF_8)
                + "&X-Amz-Date=" + timestamp + "&X-Amz-Expires=" + expiresSeconds + "&X-Amz-SignedHeaders=host";
        Map<String, String> headers = Map.of("host", authority(uri));
        String signature = signature(new SignedRequest(method, rawPath(uri), query, headerMap(headers)),
                List.of("host"), PayloadMode.UNSIGNED_PAYLOAD, timestamp, scope, "s3");
        return URI.create(uri.getScheme() + "://" + authority(uri) + rawPath(uri) + "?" + query
                + "&X-Amz-Signature=" + signature);
    }

    private String signature(SignedRequest request, List<String> signed, String payloadHash, String timestamp,
            String scope, String service) {
        CanonicalRequest canonical = CanonicalRequest.of(request, QueryParameters.parse(request.rawQuery()), null,
                signed, payloadHash, false);
        byte[] key = SigV4Signing.signingKey(secretKey, timestamp.substring(0, 8), region, service);
        return SigV4Signing.hex(SigV4Signing.hmacSha256(key, canonical.stringToSign(timestamp, scope)
                .getBytes(StandardCharsets.UTF_8)));
    }

    private static HeaderMap headerMap(Map<String, String> headers) {
        HeaderMap.Builder map = HeaderMap.builder();
        headers.forEach(map::add);
        return map.build();
    }

    private static String authority(URI uri) {
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    private static String rawPath(URI uri) {
        return uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    }

    private static String rawQuery(URI uri) {
        return uri.getRawQuery() == null ? "" : uri.getRawQuery();
    }
}

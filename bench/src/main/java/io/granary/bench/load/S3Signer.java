package io.granary.bench.load;

import io.granary.iam.sigv4.SigV4Signing;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Signs S3 requests with AWS Signature V4 in the header form: region us-east-1, service s3, no double URL encoding
 * and no path normalisation, as S3 requires. The payload hash is the caller's: {@code UNSIGNED-PAYLOAD} (bodies
 * stream unhashed) or the body's hex SHA-256 (signed payload, as boto3 and the aws CLI send over plain HTTP).
 * Signing keys are cached per day. Thread-safe.
 */
final class S3Signer {
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final String REGION = "us-east-1";
    private static final String SERVICE = "s3";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final String accessKey;
    private final String secretKey;
    private volatile DayKey dayKey = new DayKey("", new byte[0]);

    private record DayKey(String day, byte[] key) {
    }

    S3Signer(String accessKey, String secretKey) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /**
     * Headers to send with a request whose path is already URI-encoded and whose query is sorted by name: the
     * given headers, X-Amz-Date, X-Amz-Content-Sha256 ({@code payloadHash}) and Authorization (Host is signed,
     * and sent by the HTTP client).
     */
    Map<String, String> sign(String method, URI endpoint, String encodedPath, Map<String, String> sortedQuery,
                             Map<String, String> headers, String payloadHash) {
        String amzDate = ZonedDateTime.now(ZoneOffset.UTC).format(AMZ_DATE);
        String day = amzDate.substring(0, 8);
        TreeMap<String, String> signed = new TreeMap<>();
        headers.forEach((name, value) -> signed.put(name.toLowerCase(Locale.ROOT), value.trim()));
        signed.put("host", endpoint.getHost() + ":" + endpoint.getPort());
        signed.put("x-amz-content-sha256", payloadHash);
        signed.put("x-amz-date", amzDate);
        StringBuilder canonical = new StringBuilder(method).append('\n').append(encodedPath).append('\n');
        StringBuilder query = new StringBuilder();
        sortedQuery.forEach((name, value) -> query.append(query.length() == 0 ? "" : "&")
                .append(SdkHttpUtils.urlEncode(name)).append('=').append(SdkHttpUtils.urlEncode(value)));
        canonical.append(query).append('\n');
        signed.forEach((name, value) -> canonical.append(name).append(':').append(value).append('\n'));
        String signedNames = String.join(";", signed.keySet());
        canonical.append('\n').append(signedNames).append('\n').append(payloadHash);
        String scope = day + "/" + REGION + "/" + SERVICE + "/aws4_request";
        String toSign = SigV4Signing.ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
                + SigV4Signing.sha256Hex(canonical.toString().getBytes(StandardCharsets.UTF_8));
        String signature = SigV4Signing.hex(SigV4Signing.hmacSha256(key(day), toSign));
        Map<String, String> out = new TreeMap<>(signed);
        out.remove("host");
        out.put("authorization", SigV4Signing.ALGORITHM + " Credential=" + accessKey + "/" + scope
                + ", SignedHeaders=" + signedNames + ", Signature=" + signature);
        return out;
    }

    private byte[] key(String day) {
        DayKey current = dayKey;
        if (!current.day().equals(day)) {
            current = new DayKey(day, SigV4Signing.signingKey(secretKey, day, REGION, SERVICE));
            dayKey = current;
        }
        return current.key();
    }
}

package io.granary.bench.iam;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * A blocking HTTP client for one set of credentials that signs with the AWS SDK v2's SigV4 signer: IAM Query
 * calls (form POSTs to {@code /}, service {@code iam}, the body's hash signed, as the AWS CLI sends them) and
 * path-style S3 requests ({@code UNSIGNED-PAYLOAD}). Region us-east-1.
 */
final class SignedHttp {
    private static final String REGION = "us-east-1";
    private static final String IAM_VERSION = "2010-05-08";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Set by the JDK client itself from the URI and body; it refuses them as request headers. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length");

    private final HttpClient http;
    private final URI endpoint;
    private final AwsCredentialsIdentity credentials;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    SignedHttp(HttpClient http, URI endpoint, String accessKey, String secretKey) {
        this.http = http;
        this.endpoint = endpoint;
        this.credentials = AwsCredentialsIdentity.create(accessKey, secretKey);
    }

    /** An IAM action with its parameters; the response whatever its status. */
    HttpResponse<String> iam(String action, Map<String, String> parameters) throws IOException, InterruptedException {
        String form = "Action=" + action + "&Version=" + IAM_VERSION + parameters.entrySet().stream()
                .map(e -> "&" + e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining());
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        return send("POST", "/", Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), body,
                "iam", true);
    }

    /** An S3 request on an already URI-encoded path. */
    HttpResponse<String> s3(String method, String encodedPath, byte[] body) throws IOException, InterruptedException {
        return send(method, encodedPath, Map.of(), body, "s3", false);
    }

    private HttpResponse<String> send(String method, String encodedPath, Map<String, String> headers, byte[] body,
            String service, boolean signPayload) throws IOException, InterruptedException {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method))
                .protocol(endpoint.getScheme()).host(endpoint.getHost()).port(endpoint.getPort())
                .encodedPath(encodedPath);
        headers.forEach(request::putHeader);
        SignedRequest signed = signer.sign(r -> r.identity(credentials).request(request.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, signPayload)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false));
        HttpRequest.Builder out = HttpRequest.newBuilder(endpoint.resolve(encodedPath)).timeout(TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> header : signed.request().headers().entrySet()) {
            if (RESTRICTED.contains(header.getKey().toLowerCase(Locale.ROOT))) continue;
            header.getValue().forEach(value -> out.header(header.getKey(), value));
        }
        return http.send(out.build(), HttpResponse.BodyHandlers.ofString());
    }
}

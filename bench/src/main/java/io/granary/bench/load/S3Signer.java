package io.granary.bench.load;

import java.net.URI;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs S3 requests with AWS Signature V4 in the header form, using the AWS SDK v2 signer and nothing else of
 * the SDK: region us-east-1, service s3, {@code UNSIGNED-PAYLOAD} (so bodies stream and are never hashed on the
 * client), no double URL encoding and no path normalisation, as S3 requires. Thread-safe; the SDK signer is
 * stateless.
 */
final class S3Signer {
    private static final String REGION = "us-east-1";
    private static final String SERVICE = "s3";

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final AwsCredentialsIdentity credentials;

    S3Signer(String accessKey, String secretKey) {
        this.credentials = AwsCredentialsIdentity.create(accessKey, secretKey);
    }

    /**
     * Headers to send with a request whose path is already URI-encoded; includes the given headers, Host,
     * X-Amz-Date, X-Amz-Content-Sha256 and Authorization.
     */
    Map<String, List<String>> sign(String method, URI endpoint, String encodedPath, Map<String, String> query,
                                   Map<String, String> headers) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .protocol(endpoint.getScheme())
                .host(endpoint.getHost())
                .port(endpoint.getPort())
                .encodedPath(encodedPath);
        query.forEach(request::putRawQueryParameter);
        headers.forEach(request::putHeader);
        SignedRequest signed = signer.sign(r -> r.identity(credentials)
                .request(request.build())
                .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false));
        return signed.request().headers();
    }
}

package io.granary.iam.sigv4;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Signs requests with the real AWS SDK for Java v2 signer ({@link AwsV4HttpSigner}, S3 settings: no double
 * encoding, no path normalisation) at a fixed instant, and turns the SDK's request into our
 * {@link SignedRequest} the way the API node would see it on the wire.
 */
final class SdkSigner {
    static final String ACCESS_KEY = "AKIDGRANARYEXAMPLE";
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYGRANARYKEY";
    static final String REGION = "us-east-1";
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** A signed request and the body bytes the SDK would send (aws-chunked encoded when chunking is on). */
    record Signed(SignedRequest request, byte[] wireBody) {
    }

    private SdkSigner() {
    }

    static SigV4Verifier verifier(Clock clock) {
        CredentialLookup lookup = id -> id.equals(ACCESS_KEY)
                ? Optional.of(new Credential(ACCESS_KEY, SECRET_KEY, "user-42")) : Optional.empty();
        return new SigV4Verifier(lookup, new SigningKeyCache(64), clock, SigningRules.s3(REGION));
    }

    static SdkHttpFullRequest.Builder request(SdkHttpMethod method, String bucket, String key) {
        return SdkHttpFullRequest.builder().method(method).protocol("https").host("s3.granary.test")
                .encodedPath("/" + bucket + "/" + SdkHttpUtils.urlEncodeIgnoreSlashes(key));
    }

    static Signed sign(SdkHttpFullRequest.Builder builder, byte[] body,
                       Consumer<SignRequest.Builder<AwsCredentialsIdentity>> options) {
        if (body != null) builder.putHeader("Content-Length", Integer.toString(body.length));
        SdkHttpFullRequest request = builder.build();
        var signed = AwsV4HttpSigner.create().sign(r -> {
            r.identity(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)).request(request)
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
                    .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                    .putProperty(HttpSigner.SIGNING_CLOCK, CLOCK);
            if (body != null) r.payload(ContentStreamProvider.fromByteArray(body));
            options.accept(r);
        });
        byte[] wire = signed.payload().map(SdkSigner::readAll).orElse(new byte[0]);
        SdkHttpRequest sent = signed.request();
        return new Signed(toSignedRequest(sent, sent.getUri(), sent.headers()), wire);
    }

    /** Our view of an SDK request as it goes on the wire, with the headers the HTTP client would send. */
    static SignedRequest toSignedRequest(SdkHttpRequest request, URI uri, Map<String, List<String>> headers) {
        HeaderMap.Builder builder = HeaderMap.builder().addAll(headers);
        if (headers.keySet().stream().noneMatch("host"::equalsIgnoreCase)) builder.add("Host", uri.getRawAuthority());
        return new SignedRequest(request.method().name(), uri.getRawPath(), uri.getRawQuery(), builder.build());
    }

    private static byte[] readAll(ContentStreamProvider provider) {
        try (InputStream in = provider.newStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

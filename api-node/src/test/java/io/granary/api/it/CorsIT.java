package io.granary.api.it;

import static io.granary.api.it.TestData.assertS3Error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import io.granary.api.it.S3Clients.ChecksumSetting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CORSConfiguration;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.GetBucketCorsResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * CORS as a browser meets it: the configuration set and read back with the SDK v2, preflights sent unsigned
 * from the JDK HttpClient (as a browser sends them, without credentials), and the {@code Access-Control-*}
 * headers on actual answers, errors included.
 */
@Timeout(120)
class CorsIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private static final HttpClient BROWSER = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String SITE = "https://app.example.com";
    private static final CORSRule UPLOADS = CORSRule.builder().id("uploads").allowedOrigins("https://*.example.com")
            .allowedMethods("PUT", "POST").allowedHeaders("content-type", "x-amz-*").exposeHeaders("ETag",
                    "x-amz-request-id").maxAgeSeconds(3000).build();
    private static final CORSRule READS = CORSRule.builder().allowedOrigins("*").allowedMethods("GET", "HEAD")
            .build();

    private final S3Client s3 = S3Clients.sync(SERVER.endpoint(), ChecksumSetting.SDK_DEFAULT);
    private String bucket;

    @BeforeEach
    void createBucket() {
        bucket = GranaryServerExtension.newBucket();
        s3.createBucket(b -> b.bucket(bucket));
    }

    @AfterEach
    void closeClient() {
        s3.close();
    }

    private void putRules(CORSRule... rules) {
        s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(CORSConfiguration.builder().corsRules(rules)
                .build()));
    }

    private HttpResponse<String> preflight(String path, String origin, String method, String headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(SERVER.endpoint().resolve(path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(20));
        if (origin != null) request.header("Origin", origin);
        if (method != null) request.header("Access-Control-Request-Method", method);
        if (headers != null) request.header("Access-Control-Request-Headers", headers);
        return BROWSER.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertCode(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.body().contains("<Code>" + code + "</Code>"), response.body());
        String requestId = response.headers().firstValue("x-amz-request-id").orElseThrow();
        assertTrue(response.body().contains("<RequestId>" + requestId + "</RequestId>"), response.body());
    }

    private static Optional<String> header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name);
    }

    @ParameterizedTest
    @EnumSource(ChecksumSetting.class)
    void theConfigurationRoundTripsThroughTheSdkAndDeleteRemovesIt(ChecksumSetting setting) {
        try (S3Client client = S3Clients.sync(SERVER.endpoint(), setting)) {
            roundTrip(client);
        }
    }

    private void roundTrip(S3Client s3) {
        assertS3Error(404, "NoSuchCORSConfiguration", () -> s3.getBucketCors(b -> b.bucket(bucket)));
        s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(UPLOADS, READS)));
        GetBucketCorsResponse read = s3.getBucketCors(b -> b.bucket(bucket));
        assertEquals(List.of(UPLOADS, READS), read.corsRules());
        s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(READS)));
        assertEquals(List.of(READS), s3.getBucketCors(b -> b.bucket(bucket)).corsRules());
        s3.deleteBucketCors(b -> b.bucket(bucket));
        assertS3Error(404, "NoSuchCORSConfiguration", () -> s3.getBucketCors(b -> b.bucket(bucket)));
    }

    @Test
    void configurationsS3RefusesAreRefused() {
        assertS3Error(400, "InvalidRequest", () -> putRules(CORSRule.builder().allowedOrigins("*")
                .allowedMethods("PATCH").build()));
        assertS3Error(400, "InvalidRequest", () -> putRules(CORSRule.builder().allowedOrigins("https://*.*.org")
                .allowedMethods("GET").build()));
        assertS3Error(400, "MalformedXML", () -> putRules(Collections.nCopies(101, READS).toArray(CORSRule[]::new)));
        assertS3Error(400, "MalformedXML", () -> putRules(CORSRule.builder().allowedMethods("GET").build()));
        assertS3Error(404, "NoSuchCORSConfiguration", () -> s3.getBucketCors(b -> b.bucket(bucket)));
    }

    @Test
    void aPreflightIsAnsweredFromTheRulesWithoutCredentials() throws Exception {
        assertCode(preflight("/" + bucket + "/photo.jpg", SITE, "PUT", null), 403, "AccessForbidden");
        putRules(UPLOADS, READS);
        HttpResponse<String> allowed = preflight("/" + bucket + "/photo.jpg", SITE, "PUT",
                "Content-Type, x-amz-meta-owner");
        assertEquals(200, allowed.statusCode(), allowed.body());
        assertEquals(Optional.of(SITE), header(allowed, "Access-Control-Allow-Origin"));
        assertEquals(Optional.of("true"), header(allowed, "Access-Control-Allow-Credentials"));
        assertEquals(Optional.of("PUT, POST"), header(allowed, "Access-Control-Allow-Methods"));
        assertEquals(Optional.of("content-type, x-amz-meta-owner"), header(allowed, "Access-Control-Allow-Headers"));
        assertEquals(Optional.of("3000"), header(allowed, "Access-Control-Max-Age"));
        assertEquals(Optional.of("ETag, x-amz-request-id"), header(allowed, "Access-Control-Expose-Headers"));
        assertTrue(header(allowed, "Vary").orElse("").startsWith("Origin"), allowed.headers().toString());

        HttpResponse<String> anyOrigin = preflight("/" + bucket, "https://elsewhere.org", "GET", null);
        assertEquals(200, anyOrigin.statusCode(), anyOrigin.body());
        assertEquals(Optional.of("*"), header(anyOrigin, "Access-Control-Allow-Origin"));
        assertFalse(header(anyOrigin, "Access-Control-Allow-Credentials").isPresent());

        String refused = preflight("/" + bucket + "/photo.jpg", SITE, "PUT", "Authorization").body();
        assertTrue(refused.contains("<Method>PUT</Method><ResourceType>OBJECT</ResourceType>"), refused);
        assertCode(preflight("/" + bucket + "/photo.jpg", "https://elsewhere.org", "PUT", null), 403,
                "AccessForbidden");
        assertCode(preflight("/" + bucket + "/photo.jpg", SITE, "DELETE", null), 403, "AccessForbidden");
        assertCode(preflight("/" + bucket + "/photo.jpg", null, "PUT", null), 400, "BadRequest");
        assertCode(preflight("/" + bucket + "/photo.jpg", SITE, null, null), 400, "BadRequest");
        assertCode(preflight("/" + bucket + "/photo.jpg", SITE, "PATCH", null), 400, "BadRequest");
    }

    @Test
    void actualAnswersCarryTheHeadersTheirOriginEarnsErrorsIncluded() throws Exception {
        putRules(UPLOADS, READS);
        s3.putObject(b -> b.bucket(bucket).key("page.html"), RequestBody.fromString("<html/>"));
        try (S3Presigner presigner = S3Clients.presigner(SERVER.endpoint())) {
            URI page = presigner.presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket(bucket).key("page.html"))).url().toURI();
            HttpResponse<String> read = BROWSER.send(HttpRequest.newBuilder(page).header("Origin", SITE).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, read.statusCode(), read.body());
            assertEquals("<html/>", read.body());
            assertEquals(Optional.of("*"), header(read, "Access-Control-Allow-Origin"));
            assertTrue(header(read, "Vary").isPresent(), read.headers().toString());

            URI missing = presigner.presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket(bucket).key("missing.html"))).url().toURI();
            HttpResponse<String> notFound = BROWSER.send(HttpRequest.newBuilder(missing).header("Origin", SITE)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertCode(notFound, 404, "NoSuchKey");
            assertEquals(Optional.of("*"), header(notFound, "Access-Control-Allow-Origin"));
        }
        HttpResponse<String> unsigned = BROWSER.send(HttpRequest.newBuilder(SERVER.endpoint().resolve("/" + bucket
                + "/page.html")).header("Origin", SITE).method("DELETE", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertCode(unsigned, 403, "AccessDenied");
        assertFalse(header(unsigned, "Access-Control-Allow-Origin").isPresent(), "no rule allows DELETE");
        HttpResponse<String> noOrigin = BROWSER.send(HttpRequest.newBuilder(SERVER.endpoint().resolve("/" + bucket
                + "/page.html")).build(), HttpResponse.BodyHandlers.ofString());
        assertCode(noOrigin, 403, "AccessDenied");
        assertFalse(header(noOrigin, "Access-Control-Allow-Origin").isPresent());
    }
}

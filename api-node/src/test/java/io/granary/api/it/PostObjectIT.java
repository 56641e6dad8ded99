package io.granary.api.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.granary.iam.sigv4.SigV4Signing;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * POST Object (browser form uploads). {@code src/test/python/post_object.py} drives it with the forms boto3's
 * {@code generate_presigned_post} signs (SigV4 and SigV2) sent by Python {@code requests}: a 64 MiB upload read
 * back bit-exact, redirects, tagging, anonymous uploads and the policy violations. The JDK HttpClient plays a
 * browser: preflight, then a hand-built form POST carrying its Origin.
 */
@Timeout(300)
class PostObjectIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(4);
    private static final HttpClient BROWSER = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String ORIGIN = "https://app.example.com";
    private static final String BOUNDARY = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

    @Test
    void boto3FormsSentByRequestsPassTheScript(@TempDir Path dir) throws Exception {
        Path script = Path.of(System.getProperty("basedir", "."), "src", "test", "python", "post_object.py");
        if (!Files.isRegularFile(script)) fail("missing " + script.toAbsolutePath());
        Map<String, String> env = Boto3IT.env(SERVER, dir);
        Boto3IT.requireBoto3(env, dir);
        ChildProcess.Result result = ChildProcess.run(List.of("python3", script.toAbsolutePath().toString(),
                dir.toString()), env, SCRIPT_TIMEOUT, dir).requireSuccess();
        assertTrue(result.output().contains("large form upload of 67121209 bytes matched"), result.output());
        assertTrue(result.output().contains("post object: OK"), result.output());
    }

    @Test
    void aBrowserPreflightsThenPostsTheForm() throws Exception {
        String bucket = GranaryServerExtension.newBucket();
        try (S3Client s3 = S3Clients.sync(SERVER.endpoint(), S3Clients.ChecksumSetting.SDK_DEFAULT)) {
            s3.createBucket(b -> b.bucket(bucket));
            s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(r -> r
                    .allowedOrigins(ORIGIN).allowedMethods("POST").allowedHeaders("*").exposeHeaders("ETag"))));
            HttpResponse<String> preflight = BROWSER.send(HttpRequest.newBuilder(SERVER.endpoint().resolve("/"
                    + bucket)).method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", ORIGIN)
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "content-type").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, preflight.statusCode(), preflight.body());
            assertEquals(ORIGIN, preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null));

            byte[] file = "<p>uploaded from a page</p>".getBytes(StandardCharsets.UTF_8);
            Map<String, String> fields = signedFields(bucket, "site/${filename}", "text/html");
            HttpResponse<String> posted = post(bucket, form(fields, "index.html", file, Map.of()));
            assertEquals(204, posted.statusCode(), posted.body());
            assertEquals(ORIGIN, posted.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
            assertEquals("ETag", posted.headers().firstValue("Access-Control-Expose-Headers").orElse(null));
            String etag = posted.headers().firstValue("ETag").orElseThrow();
            assertArrayEquals(file, s3.getObjectAsBytes(b -> b.bucket(bucket).key("site/index.html")).asByteArray());
            assertEquals(etag, s3.headObject(b -> b.bucket(bucket).key("site/index.html")).eTag());
            assertEquals("text/html", s3.headObject(b -> b.bucket(bucket).key("site/index.html")).contentType());
        }
    }

    @Test
    void aFormThatIsNotTheFileLastOrNotMultipartIsRefusedAndNothingStored() throws Exception {
        String bucket = GranaryServerExtension.newBucket();
        try (S3Client s3 = S3Clients.sync(SERVER.endpoint(), S3Clients.ChecksumSetting.SDK_DEFAULT)) {
            s3.createBucket(b -> b.bucket(bucket));
            s3.putObject(b -> b.bucket(bucket).key("keep"), RequestBody.fromString("kept"));
            Map<String, String> fields = signedFields(bucket, "trailing", "text/plain");
            HttpResponse<String> trailing = post(bucket, form(fields, "a.txt", new byte[] {1, 2, 3},
                    Map.of("x-ignore-after", "late")));
            assertError(trailing, 400, "InvalidArgument");
            HttpResponse<String> urlEncoded = BROWSER.send(HttpRequest.newBuilder(SERVER.endpoint().resolve("/"
                    + bucket)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("key=k")).build(), HttpResponse.BodyHandlers.ofString());
            assertError(urlEncoded, 412, "PreconditionFailed");
            HttpResponse<String> noFile = post(bucket, ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; "
                    + "name=\"key\"\r\n\r\nk\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
            assertError(noFile, 400, "IncorrectNumberOfFilesInPostRequest");
            assertEquals(List.of("keep"), s3.listObjectsV2(b -> b.bucket(bucket)).contents().stream()
                    .map(o -> o.key()).toList());
        }
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.body().contains("<Code>" + code + "</Code>"), response.body());
        String requestId = response.headers().firstValue("x-amz-request-id").orElseThrow();
        assertTrue(response.body().contains("<RequestId>" + requestId + "</RequestId>"), response.body());
    }

    private static HttpResponse<String> post(String bucket, byte[] body) throws Exception {
        return BROWSER.send(HttpRequest.newBuilder(SERVER.endpoint().resolve("/" + bucket))
                .header("Origin", ORIGIN).header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The fields a page's server would hand it: a SigV4-signed policy allowing keys under the key's prefix. */
    private static Map<String, String> signedFields(String bucket, String key, String contentType) {
        Instant now = Instant.now();
        String date = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC).format(now);
        String amzDate = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(now);
        String credential = GranaryServerExtension.ACCESS_KEY + "/" + date + "/" + GranaryServerExtension.REGION
                + "/s3/aws4_request";
        String prefix = key.substring(0, key.indexOf('$') < 0 ? key.length() : key.indexOf('$'));
        String policy = "{\"expiration\":\"" + now.plus(10, ChronoUnit.MINUTES) + "\",\"conditions\":["
                + "{\"bucket\":\"" + bucket + "\"},[\"starts-with\",\"$key\",\"" + prefix + "\"],"
                + "{\"Content-Type\":\"" + contentType + "\"},{\"x-amz-algorithm\":\"AWS4-HMAC-SHA256\"},"
                + "{\"x-amz-credential\":\"" + credential + "\"},{\"x-amz-date\":\"" + amzDate + "\"}]}";
        String encoded = Base64.getEncoder().encodeToString(policy.getBytes(StandardCharsets.UTF_8));
        byte[] signingKey = SigV4Signing.signingKey(GranaryServerExtension.SECRET_KEY, date,
                GranaryServerExtension.REGION, "s3");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", key);
        fields.put("Content-Type", contentType);
        fields.put("x-amz-algorithm", "AWS4-HMAC-SHA256");
        fields.put("x-amz-credential", credential);
        fields.put("x-amz-date", amzDate);
        fields.put("policy", encoded);
        fields.put("x-amz-signature", SigV4Signing.hex(SigV4Signing.hmacSha256(signingKey, encoded)));
        return fields;
    }

    /** A multipart/form-data body as a browser writes it: the fields, the file, then {@code after}. */
    private static byte[] form(Map<String, String> fields, String fileName, byte[] file, Map<String, String> after) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(part(name, value)));
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        after.forEach((name, value) -> body.writeBytes(part(name, value)));
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private static byte[] part(String name, String value) {
        return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                + "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}

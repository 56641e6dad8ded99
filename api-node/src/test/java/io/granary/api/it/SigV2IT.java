package io.granary.api.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Signature V2 as real clients send it: {@code aws s3 presign} (aws CLI v1 defaults) and boto3's
 * {@code generate_presigned_url} make SigV2 query URLs against a custom endpoint, fetched here with the JDK
 * HttpClient; boto3 with {@code signature_version='s3'} signs PUT/GET/List in the header form.
 */
@Timeout(180)
class SigV2IT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final byte[] BYTES = "bytes behind a presigned URL\n".repeat(50).getBytes(StandardCharsets.UTF_8);
    private static String bucket;
    private static S3Client s3;

    @BeforeAll
    static void bucketWithAnObject() {
        s3 = S3Clients.sync(SERVER.endpoint(), S3Clients.ChecksumSetting.WHEN_REQUIRED);
        bucket = GranaryServerExtension.newBucket();
        s3.createBucket(b -> b.bucket(bucket));
        s3.putObject(b -> b.bucket(bucket).key("dir/a key+é.txt"), RequestBody.fromBytes(BYTES));
    }

    static Map<String, String> clientEnv(Path home) {
        return Map.of("AWS_ACCESS_KEY_ID", GranaryServerExtension.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", GranaryServerExtension.SECRET_KEY,
                "AWS_DEFAULT_REGION", GranaryServerExtension.REGION,
                "AWS_CONFIG_FILE", home.resolve("no-such-config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-such-credentials").toString(),
                "AWS_EC2_METADATA_DISABLED", "true", "HOME", home.toString(), "PYTHONIOENCODING", "utf-8");
    }

    static String awsPresign(Path home, String bucket, String key, String... extra) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("aws", "--endpoint-url",
                SERVER.endpoint().toString(), "s3", "presign", "s3://" + bucket + "/" + key));
        command.addAll(List.of(extra));
        return ChildProcess.run(command, clientEnv(home), COMMAND_TIMEOUT, home).requireSuccess().output().strip();
    }

    static HttpResponse<byte[]> fetch(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static void assertError(HttpResponse<byte[]> response, int status, String code) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertEquals(status, response.statusCode(), body);
        assertTrue(body.contains("<Code>" + code + "</Code>"), body);
        assertTrue(body.contains("<RequestId>"), body);
    }

    @Test
    void awsCliPresignedUrlReturnsTheBytes(@TempDir Path home) throws Exception {
        String url = awsPresign(home, bucket, "dir/a key+é.txt");
        assertTrue(url.contains("AWSAccessKeyId=") && url.contains("Signature=") && url.contains("Expires="), url);
        HttpResponse<byte[]> response = fetch(url);
        assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        assertArrayEquals(BYTES, response.body());
    }

    @Test
    void aTamperedPresignedUrlIsRefusedWithTheStringToSign(@TempDir Path home) throws Exception {
        String url = awsPresign(home, bucket, "dir/a key+é.txt");
        int at = url.indexOf("Signature=") + "Signature=".length();
        String tampered = url.substring(0, at) + (url.charAt(at) == 'A' ? 'B' : 'A') + url.substring(at + 1);
        HttpResponse<byte[]> response = fetch(tampered);
        assertError(response, 403, "SignatureDoesNotMatch");
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertTrue(body.contains("<StringToSign>GET\n\n\n"), body);
        assertError(fetch(url.replace("a%20key", "b%20key")), 403, "SignatureDoesNotMatch");
    }

    @Test
    void boto3SignsTheHeaderFormAndItsPresignedUrlsWorkUntilTheyExpire(@TempDir Path home) throws Exception {
        Path script = Path.of(System.getProperty("basedir", "."), "src", "test", "python", "sigv2_clients.py");
        ChildProcess.Result result = ChildProcess.run(List.of("python3", script.toAbsolutePath().toString(),
                SERVER.endpoint().toString(), bucket, "boto/v2 ö&.txt"), clientEnv(home), COMMAND_TIMEOUT, home)
                .requireSuccess();
        assertTrue(result.output().contains("header-signed put/get/list: OK"), result.output());
        String json = result.output().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow();
        JsonNode urls = new ObjectMapper().readTree(json);
        assertTrue(urls.get("get").asText().contains("AWSAccessKeyId="), json);
        HttpResponse<byte[]> got = fetch(urls.get("get").asText());
        assertEquals(200, got.statusCode());
        assertArrayEquals("signed the old way\n".repeat(100).getBytes(StandardCharsets.UTF_8), got.body());

        HttpResponse<byte[]> put = HTTP.send(HttpRequest.newBuilder(URI.create(urls.get("put").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(BYTES)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, put.statusCode(), new String(put.body(), StandardCharsets.UTF_8));
        assertArrayEquals(BYTES, s3.getObjectAsBytes(b -> b.bucket(bucket).key("boto/v2 ö&.txt.put")).asByteArray());

        HttpResponse<byte[]> expired = fetch(urls.get("expired").asText());
        assertError(expired, 403, "AccessDenied");
        assertTrue(new String(expired.body(), StandardCharsets.UTF_8).contains("Request has expired"));
    }

    @Test
    void aPresignedUrlOfAnUnknownKeyIsInvalidAccessKeyId() throws Exception {
        String url = SERVER.endpoint() + "/" + bucket + "/k?AWSAccessKeyId=GKNOSUCHKEY000000000&Signature=x"
                + "&Expires=" + (System.currentTimeMillis() / 1000 + 600);
        assertError(fetch(url), 403, "InvalidAccessKeyId");
    }
}

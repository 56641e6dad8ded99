package io.granary.api.it;

import static io.granary.api.it.TestData.MIB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The AWS SDK v2 async client with its defaults (a 20 MiB object) and with its own multipart upload
 * and download path (a 200 MiB file), and {@code S3Presigner} URLs for GetObject, PutObject and
 * UploadPart used from a plain {@link HttpClient}.
 */
@Timeout(240)
class SdkV2AsyncAndPresignIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private S3Client s3;
    private S3Presigner presigner;
    private String bucket;

    @BeforeEach
    void createClientsAndBucket() {
        s3 = S3Clients.sync(SERVER.endpoint(), S3Clients.ChecksumSetting.SDK_DEFAULT);
        presigner = S3Clients.presigner(SERVER.endpoint());
        bucket = GranaryServerExtension.newBucket();
        s3.createBucket(b -> b.bucket(bucket));
    }

    @AfterEach
    void closeClients() {
        presigner.close();
        s3.close();
    }

    @Test
    void asyncClientPutsAndGetsA20MiBObject() {
        byte[] data = TestData.random(20 * MIB, 41);
        try (S3AsyncClient async = S3Clients.async(SERVER.endpoint(), false)) {
            String etag = async.putObject(b -> b.bucket(bucket).key("async/20MiB"), AsyncRequestBody.fromBytes(data))
                    .join().eTag();
            assertEquals("\"" + TestData.md5Hex(data) + "\"", etag);
            ResponseBytes<GetObjectResponse> back = async.getObject(b -> b.bucket(bucket).key("async/20MiB"),
                    AsyncResponseTransformer.toBytes()).join();
            assertArrayEquals(data, back.asByteArray());
        }
    }

    @Test
    @Timeout(300)
    void asyncMultipartClientUploadsAndDownloadsA200MiBFile(@TempDir Path dir) throws Exception {
        long size = 200L * MIB + 12_345;
        Path file = TestData.randomFile(dir.resolve("upload.bin"), size, 43);
        Path back = dir.resolve("download.bin");
        try (S3AsyncClient async = S3Clients.async(SERVER.endpoint(), true)) {
            String etag = async.putObject(b -> b.bucket(bucket).key("big/file.bin"), AsyncRequestBody.fromFile(file))
                    .join().eTag();
            assertTrue(etag.matches("\"[0-9a-f]{32}-\\d+\""), "a multipart ETag: " + etag);
            HeadObjectResponse head = async.headObject(b -> b.bucket(bucket).key("big/file.bin")).join();
            assertEquals(size, head.contentLength());
            async.getObject(b -> b.bucket(bucket).key("big/file.bin"), AsyncResponseTransformer.toFile(back)).join();
        }
        assertEquals(size, Files.size(back));
        assertEquals(TestData.sha256(file), TestData.sha256(back));
    }

    @Test
    void presignedPutAndGetWorkFromAPlainHttpClient() throws Exception {
        String key = "presigned/a b+c&ü%.txt";
        byte[] data = TestData.random(300_000, 45);
        URI put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(r -> r.bucket(bucket).key(key))).url().toURI();
        HttpResponse<String> stored = HTTP.send(HttpRequest.newBuilder(put)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, stored.statusCode(), stored::body);
        assertEquals("\"" + TestData.md5Hex(data) + "\"", stored.headers().firstValue("ETag").orElseThrow());
        URI get = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(r -> r.bucket(bucket).key(key))).url().toURI();
        HttpResponse<byte[]> read = HTTP.send(HttpRequest.newBuilder(get).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, read.statusCode());
        assertArrayEquals(data, read.body());
        HttpResponse<String> tampered = HTTP.send(HttpRequest.newBuilder(URI.create(get.toString()
                .replace("X-Amz-Expires=300", "X-Amz-Expires=301"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, tampered.statusCode());
        assertTrue(tampered.body().contains("<Code>SignatureDoesNotMatch</Code>"), tampered::body);
    }

    @Test
    void expiredPresignedUrlIsAccessDenied() throws Exception {
        s3.putObject(b -> b.bucket(bucket).key("short-lived"), RequestBody.fromString("soon gone"));
        // The SDK's own SigV4 query signer with a signing clock two minutes back (instead of waiting for a real URL
        // to run out): valid for ten minutes it still reads, valid for one it expired a minute ago.
        HttpResponse<String> valid = HTTP.send(HttpRequest.newBuilder(presignedTwoMinutesAgo(bucket, "short-lived",
                Duration.ofMinutes(10))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, valid.statusCode(), valid::body);
        URI get = presignedTwoMinutesAgo(bucket, "short-lived", Duration.ofMinutes(1));
        HttpResponse<String> expired = HTTP.send(HttpRequest.newBuilder(get).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, expired.statusCode(), expired::body);
        assertTrue(expired.body().contains("<Code>AccessDenied</Code>"), expired::body);
    }

    private static URI presignedTwoMinutesAgo(String bucket, String key, Duration validFor) {
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                .uri(URI.create(SERVER.endpoint() + "/" + bucket + "/" + key)).build();
        return AwsV4HttpSigner.create().sign(r -> r.identity(S3Clients.credentials().resolveCredentials())
                .request(unsigned)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, GranaryServerExtension.REGION)
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4HttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, validFor)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-2))))
                .request().getUri();
    }

    @Test
    void presignedUploadPartCompletesAnUpload() throws Exception {
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key("presigned-mp")).uploadId();
        byte[] part1 = TestData.random(5 * MIB, 46);
        byte[] part2 = TestData.random(1234, 47);
        String etag1 = presignedPart(upload, 1, part1);
        String etag2 = presignedPart(upload, 2, part2);
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("presigned-mp").uploadId(upload)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag1).build(),
                        CompletedPart.builder().partNumber(2).eTag(etag2).build())));
        assertArrayEquals(SdkV2MultipartIT.concat(part1, part2),
                s3.getObjectAsBytes(b -> b.bucket(bucket).key("presigned-mp")).asByteArray());
    }

    private String presignedPart(String upload, int number, byte[] data) throws Exception {
        URI url = presigner.presignUploadPart(p -> p.signatureDuration(Duration.ofMinutes(5))
                .uploadPartRequest(r -> r.bucket(bucket).key("presigned-mp").uploadId(upload).partNumber(number)))
                .url().toURI();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response::body);
        String etag = response.headers().firstValue("ETag").orElseThrow();
        assertEquals("\"" + TestData.md5Hex(data) + "\"", etag);
        return etag;
    }
}

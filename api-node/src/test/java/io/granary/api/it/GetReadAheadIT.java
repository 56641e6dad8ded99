package io.granary.api.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.metrics.PrometheusSamples;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * GET read-ahead against a real embedded server and the SDK: a client that stops reading in the middle of
 * a 48 MiB object leaves the server holding a bounded number of shard bytes for as long as it waits (read
 * through the {@code granary_get_buffered_bytes} gauges), then reads the rest bit-exact; a client that
 * aborts the download leaves nothing held.
 */
@Timeout(120)
class GetReadAheadIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private static final int SIZE = 48 * TestData.MIB + 5;
    /**
     * Two stripes read ahead, plus per data shard the frame its cursor queues and the data node's read
     * batch that brought it (1 MiB): about seven stripes, whatever the object's size.
     */
    private static final long BOUND = 2L * TestData.MIB + 4L * (TestData.MIB / 4 + 8 + TestData.MIB);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static S3Client s3;
    private static String bucket;
    private static byte[] data;

    @BeforeAll
    static void putObject() {
        s3 = S3Clients.sync(SERVER.endpoint(), S3Clients.ChecksumSetting.WHEN_REQUIRED);
        bucket = GranaryServerExtension.newBucket();
        s3.createBucket(b -> b.bucket(bucket));
        data = TestData.random(SIZE, 14);
        s3.putObject(b -> b.bucket(bucket).key("large"), RequestBody.fromBytes(data));
    }

    @AfterAll
    static void closeClient() {
        if (s3 != null) s3.close();
    }

    @Test
    void aClientThatStopsReadingMidObjectLeavesABoundedAmountBufferedAndThenReadsItAll() throws Exception {
        try (ResponseInputStream<GetObjectResponse> body = s3.getObject(b -> b.bucket(bucket).key("large"))) {
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            received.write(body.readNBytes(3 * TestData.MIB));
            await().atMost(Duration.ofSeconds(10)).until(() -> buffered() > 0);
            // However long the client waits, the server's read-ahead stays within its bound.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> buffered() <= BOUND);
            received.write(body.readAllBytes());
            assertArrayEquals(data, received.toByteArray());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> buffered() == 0);
        double most = scrape().sum("granary_get_buffered_bytes_max");
        assertTrue(most > 0 && most <= BOUND, "the most one GET held: " + most);
    }

    @Test
    void aClientThatAbortsTheDownloadLeavesNothingBuffered() throws Exception {
        ResponseInputStream<GetObjectResponse> body = s3.getObject(b -> b.bucket(bucket).key("large"));
        assertEquals(TestData.MIB, body.readNBytes(TestData.MIB).length);
        await().atMost(Duration.ofSeconds(10)).until(() -> buffered() > 0);
        body.abort();
        body.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> buffered() == 0);
    }

    private static double buffered() {
        return scrape().sum("granary_get_buffered_bytes");
    }

    private static PrometheusSamples scrape() {
        URI uri = URI.create("http://127.0.0.1:" + SERVER.node().metricsPort() + "/metrics");
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return PrometheusSamples.parse(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package io.granary.api.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.metrics.PrometheusSamples;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Prometheus endpoint of a real embedded server, scraped over HTTP on its own port while a real
 * SDK client works on the S3 port: requests counted by operation and status, body bytes, latency
 * buckets, the six node gauges, and a GET that had to reconstruct a deleted shard counted as degraded.
 * Counters are compared before and after each action, so tests do not depend on each other's order.
 */
@Timeout(120)
class MetricsIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private static final String REQUESTS = "granary_s3_requests_total";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void createBucket() {
        s3 = S3Clients.sync(SERVER.endpoint(), S3Clients.ChecksumSetting.SDK_DEFAULT);
        bucket = GranaryServerExtension.newBucket();
        s3.createBucket(b -> b.bucket(bucket));
    }

    @AfterAll
    static void closeClient() {
        if (s3 != null) s3.close();
    }

    @Test
    void countsPutsGetsAndMissesWithTheirBytes() throws Exception {
        PrometheusSamples before = scrape();
        byte[] small = TestData.random(1000, 1);
        byte[] large = TestData.random(3 * TestData.MIB + 17, 2);
        s3.putObject(b -> b.bucket(bucket).key("small"), RequestBody.fromBytes(small));
        s3.putObject(b -> b.bucket(bucket).key("large"), RequestBody.fromBytes(large));
        assertArrayEquals(large, s3.getObjectAsBytes(b -> b.bucket(bucket).key("large")).asByteArray());
        TestData.assertS3Error(404, "NoSuchKey", () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("absent")));

        PrometheusSamples after = scrapeUntil(s -> delta(before, s, REQUESTS, "operation", "GetObject",
                "status", "404") >= 1);
        assertEquals(2, delta(before, after, REQUESTS, "operation", "PutObject", "status", "200"));
        assertEquals(1, delta(before, after, REQUESTS, "operation", "GetObject", "status", "200"));
        assertEquals(1, delta(before, after, REQUESTS, "operation", "GetObject", "status", "404"));
        assertTrue(delta(before, after, "granary_s3_received_bytes_total", "operation", "PutObject")
                >= small.length + large.length, "request bytes include both bodies");
        assertTrue(delta(before, after, "granary_s3_sent_bytes_total", "operation", "GetObject") >= large.length,
                "response bytes include the object");
        String latency = "granary_s3_request_duration_seconds";
        assertEquals(2, delta(before, after, latency + "_count", "operation", "PutObject"));
        assertEquals(2, delta(before, after, latency + "_bucket", "operation", "GetObject", "le", "+Inf"));
    }

    @Test
    void aLargeUploadHoldsAtMostEightStripesInMemory() throws Exception {
        byte[] data = TestData.random(40 * TestData.MIB + 3, 7);
        s3.putObject(b -> b.bucket(bucket).key("forty-mib"), RequestBody.fromBytes(data));
        PrometheusSamples after = scrapeUntil(s -> s.sum("granary_put_stripes_buffered") == 0);
        double highWater = after.sum("granary_put_stripes_buffered_max");
        assertTrue(highWater >= 1 && highWater <= 8, "stripes one upload held at once: " + highWater);
        assertEquals(0, after.sum("granary_put_stripes_buffered"), "nothing held once the upload is done");
        assertArrayEquals(data, s3.getObjectAsBytes(b -> b.bucket(bucket).key("forty-mib")).asByteArray());
    }

    @Test
    void everyDataNodeIsOnline() throws Exception {
        PrometheusSamples samples = scrape();
        assertEquals(6, samples.count("granary_node_online"));
        for (int node = 1; node <= 6; node++) {
            assertEquals(1, samples.sum("granary_node_online", "node", "node-" + node), "node-" + node);
        }
        assertEquals(1, samples.count("granary_heal_queue_length"));
    }

    @Test
    void aGetThatReconstructsADeletedShardIsADegradedRead() throws Exception {
        byte[] data = TestData.random(2 * TestData.MIB + 5, 3);
        Set<Path> files = ShardFiles.all(SERVER.dataDir());
        s3.putObject(b -> b.bucket(bucket).key("damaged"), RequestBody.fromBytes(data));
        DamagedObject object = DamagedObject.locate("damaged", data,
                ShardFiles.createdSince(SERVER.dataDir(), files));
        PrometheusSamples before = scrape();
        assertArrayEquals(data, s3.getObjectAsBytes(b -> b.bucket(bucket).key("damaged")).asByteArray());
        assertEquals(0, delta(before, scrape(), "granary_degraded_reads_total"), "an intact read is not degraded");

        object.remove(0);
        assertArrayEquals(data, s3.getObjectAsBytes(b -> b.bucket(bucket).key("damaged")).asByteArray(),
                object.describe());
        PrometheusSamples after = scrapeUntil(s -> delta(before, s, "granary_degraded_reads_total") >= 1);
        assertEquals(1, delta(before, after, "granary_degraded_reads_total"));
    }

    @Test
    void metricsLiveOnTheirOwnPortNotInTheBucketNamespace() throws Exception {
        assertNotEquals(SERVER.port(), SERVER.node().metricsPort());
        HttpResponse<String> scrape = get(SERVER.node().metricsPort(), "/metrics");
        assertEquals(200, scrape.statusCode());
        assertTrue(scrape.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        assertEquals(404, get(SERVER.node().metricsPort(), "/other").statusCode());
        // On the S3 port /metrics is ListObjects of the bucket "metrics", answered (and counted) as such.
        PrometheusSamples before = scrape();
        HttpResponse<String> bucketList = get(SERVER.port(), "/metrics");
        assertEquals(404, bucketList.statusCode());
        assertTrue(bucketList.body().contains("<Code>NoSuchBucket</Code>"), bucketList.body());
        PrometheusSamples after = scrapeUntil(s -> delta(before, s, REQUESTS, "operation", "ListObjects") >= 1);
        assertEquals(1, delta(before, after, REQUESTS, "operation", "ListObjects", "status", "404"));
    }

    private static double delta(PrometheusSamples before, PrometheusSamples after, String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    private static PrometheusSamples scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = get(SERVER.node().metricsPort(), "/metrics");
        assertEquals(200, response.statusCode(), response.body());
        return PrometheusSamples.parse(response.body());
    }

    /**
     * Scrapes until {@code ready} holds (or a few seconds passed, leaving the assertions to tell): a
     * request is recorded when its answer ends, which the client may see a moment earlier.
     */
    private static PrometheusSamples scrapeUntil(Predicate<PrometheusSamples> ready) throws Exception {
        try {
            return await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                    .until(MetricsIT::scrape, ready);
        } catch (ConditionTimeoutException e) {
            return scrape();
        }
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

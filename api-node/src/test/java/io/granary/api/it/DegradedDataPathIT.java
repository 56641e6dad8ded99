package io.granary.api.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.heal.BackgroundSettings;
import io.granary.api.it.RawHttpClient.Exchange;
import io.granary.api.it.RawHttpClient.Response;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Reads under damage on the embedded server: objects from 0 B to 100 MiB are PUT with the SDK, then
 * their shard files (found on disk as the files the PUT created) are deleted or have a payload byte
 * flipped, and every GET, whole or ranged across stripe boundaries, must return exactly the bytes
 * written while at least four shards are good. With three shards lost the answer is a 503, or a
 * connection cut before the declared length; never wrong bytes. Each damage pattern is undone from a
 * copy of the shard files before the next, so one PUT serves many patterns.
 */
@Timeout(180)
class DegradedDataPathIT {
    @RegisterExtension
    // The heal worker would repair the shards this test damages and restores behind the server's back, racing
    // with the restores; here it looks at its queue once an hour.
    static final GranaryServerExtension SERVER = new GranaryServerExtension(BackgroundSettings.defaults()
            .withHealPoll(Duration.ofHours(1)));

    private static final int MIB = 1024 * 1024;

    private static S3Client s3;
    private static String bucket;
    private static RawHttpClient http;

    @BeforeAll
    static void createBucket() {
        s3 = S3Client.builder().endpointOverride(SERVER.endpoint()).forcePathStyle(true)
                .region(Region.of(GranaryServerExtension.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        GranaryServerExtension.ACCESS_KEY, GranaryServerExtension.SECRET_KEY)))
                .build();
        bucket = GranaryServerExtension.newBucket();
        s3.createBucket(b -> b.bucket(bucket));
        http = new RawHttpClient(SERVER.port());
    }

    @AfterAll
    static void closeClient() {
        if (s3 != null) s3.close();
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, MIB - 1, MIB + 1, 7 * MIB + 3})
    void readsBitExactWithAnyOneShardMissing(int size) throws IOException {
        DamagedObject object = put(size);
        assertReadsExactly(object);
        for (int shard = 0; shard < ShardFiles.NODES; shard++) {
            int lost = shard;
            assertReadsExactlyWith(object, o -> o.remove(lost));
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, MIB - 1, MIB + 1, 7 * MIB + 3})
    void readsBitExactWithAnyTwoShardsMissing(int size) throws IOException {
        DamagedObject object = put(size);
        for (int first = 0; first < ShardFiles.NODES; first++) {
            for (int second = first + 1; second < ShardFiles.NODES; second++) {
                int[] lost = {first, second};
                assertReadsExactlyWith(object, o -> o.remove(lost));
            }
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {1, MIB - 1, MIB + 1, 7 * MIB + 3})
    void readsBitExactWithOneOrTwoCorruptShards(int size) throws IOException {
        DamagedObject object = put(size);
        long last = object.stripes() - 1;
        for (int shard = 0; shard < ShardFiles.NODES; shard++) {
            int bad = shard;
            assertReadsExactlyWith(object, o -> o.corrupt(bad, bad % 2 == 0 ? 0 : last));
        }
        assertReadsExactlyWith(object, o -> {
            o.corrupt(0, last);
            o.corrupt(1, last);
        });
        assertReadsExactlyWith(object, o -> {
            o.corrupt(2, 0);
            o.corrupt(5, last / 2);
        });
        assertReadsExactlyWith(object, o -> {
            o.remove(3);
            o.corrupt(0, last);
        });
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {MIB + 1, 7 * MIB + 3})
    void rangesAcrossStripeBoundariesAreExactWhenDegraded(int size) throws IOException {
        DamagedObject object = put(size);
        object.remove(0, 4);
        assertRangesExact(object);
        object.restore();
        object.remove(2);
        object.corrupt(1, object.stripes() - 1);
        object.corrupt(1, 0);
        assertRangesExact(object);
        object.restore();
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, MIB - 1, MIB + 1, 7 * MIB + 3})
    void threeLostShardsNeverYieldWrongBytes(int size) throws IOException {
        DamagedObject object = put(size);
        object.remove(0, 1, 2);
        assertNeverWrongBytes(object, null, size > 0);
        object.restore();
        object.remove(1, 4, 5);
        // Bytes 1.. of the range need data shard 1 once the object spans more than one chunk.
        assertNeverWrongBytes(object, size > 2 ? "bytes=1-" + (size - 2) : null, size > MIB / 4 + 1);
        object.restore();
        if (size > 0) {
            long last = object.stripes() - 1;
            object.corrupt(0, last);
            object.corrupt(3, last);
            object.corrupt(4, last);
            assertNeverWrongBytes(object, null, true);
            object.restore();
        }
        assertReadsExactly(object);
    }

    @Test
    void aHundredMebibyteObjectSurvivesLostAndCorruptShards() throws IOException {
        DamagedObject object = put(100 * MIB);
        object.remove(1, 5);
        assertReadsExactly(object);
        object.restore();
        object.remove(3);
        object.corrupt(0, object.stripes() / 2);
        assertReadsExactly(object);
        assertRangeExact(object, 50L * MIB - 7, 53L * MIB + 11);
        object.restore();
        object.remove(0, 2, 4);
        assertNeverWrongBytes(object, null, true);
        object.restore();
    }

    // ---- helpers ----

    private static DamagedObject put(int size) throws IOException {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        String key = "object-" + size + "-" + System.nanoTime();
        Set<Path> before = ShardFiles.all(SERVER.dataDir());
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(data));
        return DamagedObject.locate(key, data, ShardFiles.createdSince(SERVER.dataDir(), before));
    }

    private static Response get(DamagedObject object, String range) throws IOException {
        RawRequest request = RawRequest.of("GET", "/" + bucket + "/" + object.key())
                .header("Host", "127.0.0.1:" + SERVER.port());
        if (range != null) request.header("Range", range);
        try {
            return http.send(request.signed().wire());
        } catch (AssertionError e) {
            throw new AssertionError(object.describe() + (range == null ? "" : " " + range) + ": " + e.getMessage(), e);
        }
    }

    /** Damage done to an object's shard files. */
    @FunctionalInterface
    private interface Damage {
        void apply(DamagedObject object) throws IOException;
    }

    /** Applies {@code damage}, reads the whole object back bit-exact, then undoes the damage. */
    private static void assertReadsExactlyWith(DamagedObject object, Damage damage) throws IOException {
        damage.apply(object);
        assertReadsExactly(object);
        object.restore();
    }

    private static void assertReadsExactly(DamagedObject object) throws IOException {
        Response response = get(object, null);
        assertEquals(200, response.status(), object.describe());
        assertTrue(response.complete(), object.describe());
        assertEquals(RawRequest.sha256Hex(object.data()), RawRequest.sha256Hex(response.body()), object.describe());
    }

    private static void assertRangeExact(DamagedObject object, long first, long last) throws IOException {
        Response response = get(object, "bytes=" + first + "-" + last);
        assertEquals(206, response.status(), object.describe());
        assertTrue(response.complete(), object.describe() + " bytes " + first + "-" + last);
        int end = (int) Math.min(last + 1, object.data().length);
        assertArrayEquals(Arrays.copyOfRange(object.data(), (int) first, end), response.body(),
                object.describe() + " bytes " + first + "-" + last);
    }

    /** Ranges that start, end or cross stripe boundaries (1 MiB) and chunk boundaries (256 KiB). */
    private static void assertRangesExact(DamagedObject object) throws IOException {
        long size = object.data().length;
        List<long[]> ranges = new ArrayList<>(List.of(new long[] {MIB - 5, MIB + 5}, new long[] {0, MIB - 1},
                new long[] {MIB, size - 1}, new long[] {MIB / 4 - 1, MIB / 4}, new long[] {size - 1, size - 1},
                new long[] {3, size - 4}));
        if (size > 3 * MIB) ranges.add(new long[] {2L * MIB - 3, 5L * MIB + 2});
        for (long[] range : ranges) {
            assertRangeExact(object, range[0], range[1]);
        }
        Response suffix = get(object, "bytes=-" + (MIB + 10));
        assertEquals(206, suffix.status());
        assertArrayEquals(Arrays.copyOfRange(object.data(), (int) Math.max(0, size - MIB - 10), (int) size),
                suffix.body(), object.describe() + " suffix");
    }

    /**
     * With too few shards, the bytes that need a lost chunk cannot be served: the answer is a 503
     * ServiceUnavailable S3 error, or (once a 200 has started) a connection cut before the declared
     * length after correct bytes only. A complete answer is allowed only where {@code mustFail} is false
     * (the range needs no lost chunk), and must then be exact.
     */
    private static void assertNeverWrongBytes(DamagedObject object, String range, boolean mustFail)
            throws IOException {
        RawRequest request = RawRequest.of("GET", "/" + bucket + "/" + object.key())
                .header("Host", "127.0.0.1:" + SERVER.port());
        if (range != null) request.header("Range", range);
        Exchange exchange = http.exchange(request.signed().wire(), false, 1);
        if (exchange.closedWithoutAnswer()) return;
        Response response = exchange.first();
        if (response.status() == 503) {
            assertTrue(response.complete(), "the 503 body was cut short");
            assertTrue(response.text().contains("<Code>ServiceUnavailable</Code>"), response.text());
            assertTrue(response.text().contains("<RequestId>" + response.header("x-amz-request-id") + "</RequestId>"),
                    response.text());
            return;
        }
        assertTrue(response.status() == 200 || response.status() == 206, "status " + response.status());
        if (mustFail) {
            assertTrue(!response.complete(), object.describe() + ": a complete " + response.status()
                    + " was sent although chunks it needs are lost");
        }
        int first = range == null ? 0 : Integer.parseInt(range.substring("bytes=".length(), range.indexOf('-')));
        assertArrayEquals(Arrays.copyOfRange(object.data(), first, first + response.body().length), response.body(),
                object.describe() + ": the bytes sent");
    }
}

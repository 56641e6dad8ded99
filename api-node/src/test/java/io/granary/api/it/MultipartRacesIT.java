package io.granary.api.it;

import static io.granary.api.it.TestData.MIB;
import static io.granary.api.it.TestData.assertS3Error;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.granary.api.it.S3Clients.ChecksumSetting;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Concurrent multipart calls on one upload (issue 8, "races"): many identical completes all get the
 * same result, a complete racing an abort leaves exactly one outcome, and parallel UploadParts (also
 * to one part number) are safe. Every racer waits on one barrier so the calls really overlap; the
 * outcome of each call is collected as an {@link Outcome} so no server answer can go unchecked.
 */
@Timeout(60)
class MultipartRacesIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private static final int PART = 5 * MIB;

    private S3Client s3;
    private String bucket;
    private ExecutorService pool;

    /** What one racing call ended with: its result, or the S3 error it got. */
    private record Outcome<T>(T value, S3Exception error) {
        boolean succeeded() {
            return error == null;
        }

        int status() {
            return error == null ? 200 : error.statusCode();
        }
    }

    @BeforeEach
    void createClientAndBucket() {
        s3 = S3Clients.sync(SERVER.endpoint(), ChecksumSetting.SDK_DEFAULT);
        bucket = GranaryServerExtension.newBucket();
        s3.createBucket(b -> b.bucket(bucket));
        pool = Executors.newFixedThreadPool(16);
    }

    @AfterEach
    void closeClientAndPool() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        s3.close();
    }

    @Test
    void sixteenIdenticalConcurrentCompletesAllSucceedWithTheSameEtag() throws Exception {
        byte[][] parts = {TestData.random(PART, 11), TestData.random(MIB, 12)};
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key("same")).uploadId();
        List<CompletedPart> completed = uploadAll("same", upload, parts);
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            calls.add(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("same").uploadId(upload)
                    .multipartUpload(m -> m.parts(completed))).eTag());
        }
        String etag = "\"" + TestData.md5Hex(TestData.digest("MD5", parts[0]), TestData.digest("MD5", parts[1]))
                + "-2\"";
        for (Outcome<String> outcome : race(calls)) {
            assertTrue(outcome.succeeded(), () -> "a concurrent identical complete failed: " + outcome.error());
            assertEquals(etag, outcome.value());
        }
        assertArrayEquals(TestData.digest("SHA-256", parts),
                TestData.digest("SHA-256", s3.getObjectAsBytes(b -> b.bucket(bucket).key("same")).asByteArray()));
    }

    @Test
    void completeRacingAbortLeavesExactlyOneOutcomeEveryRound() throws Exception {
        for (int round = 0; round < 10; round++) {
            String key = "race-" + round;
            byte[] data = TestData.random(MIB + round, 100 + round);
            String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
            List<CompletedPart> completed = uploadAll(key, upload, new byte[][] {data});
            Callable<Object> complete = () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key(key)
                    .uploadId(upload).multipartUpload(m -> m.parts(completed)));
            Callable<Object> abort = () -> s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(upload));
            List<Outcome<Object>> outcomes = race(List.of(complete, abort));
            Outcome<Object> completeOutcome = outcomes.get(0);
            Outcome<Object> abortOutcome = outcomes.get(1);
            String where = "round " + round + ": complete " + completeOutcome.status() + ", abort "
                    + abortOutcome.status();
            if (completeOutcome.succeeded()) {
                assertNoSuchUpload(abortOutcome, where);
                assertArrayEquals(data, s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray(), where);
            } else {
                assertTrue(abortOutcome.succeeded(), where);
                assertNoSuchUpload(completeOutcome, where);
                assertS3Error(404, null, () -> s3.headObject(b -> b.bucket(bucket).key(key)));
            }
            assertS3Error(404, "NoSuchUpload", () -> s3.listParts(b -> b.bucket(bucket).key(key).uploadId(upload)));
        }
    }

    @Test
    void parallelPartUploadsIncludingOnePartNumberTwiceCompleteToTheWinningVersions() throws Exception {
        byte[][] parts = new byte[8][];
        for (int i = 0; i < 8; i++) {
            parts[i] = TestData.random(i == 7 ? MIB + 7 : PART, 200 + i);
        }
        byte[][] rivals = {TestData.random(PART, 300), TestData.random(PART, 301)};
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key("par")).uploadId();
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(uploadCall("par", upload, i + 1, parts[i]));
        }
        for (byte[] rival : rivals) {
            calls.add(uploadCall("par", upload, 4, rival));
        }
        List<Outcome<String>> outcomes = race(calls);
        for (Outcome<String> outcome : outcomes) {
            assertTrue(outcome.succeeded(), () -> "a concurrent UploadPart failed: " + outcome.error());
        }
        List<Part> listed = s3.listParts(b -> b.bucket(bucket).key("par").uploadId(upload)).parts();
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), listed.stream().map(Part::partNumber).toList());
        String winner = listed.get(3).eTag();
        byte[] partFour = versionWithEtag(winner, parts[3], rivals[0], rivals[1]);
        for (int i = 0; i < 8; i++) {
            if (i != 3) assertEquals(outcomes.get(i).value(), listed.get(i).eTag());
        }
        Set<String> losers = Stream.of(outcomes.get(3), outcomes.get(8), outcomes.get(9)).map(Outcome::value)
                .filter(etag -> !etag.equals(winner)).collect(Collectors.toSet());
        assertEquals(2, losers.size());
        for (String loser : losers) {
            List<CompletedPart> stale = completedParts(listed, loser);
            assertS3Error(400, "InvalidPart", () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("par")
                    .uploadId(upload).multipartUpload(m -> m.parts(stale))));
        }
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("par").uploadId(upload)
                .multipartUpload(m -> m.parts(completedParts(listed, winner))));
        parts[3] = partFour;
        assertArrayEquals(TestData.digest("SHA-256", parts),
                TestData.digest("SHA-256", s3.getObjectAsBytes(b -> b.bucket(bucket).key("par")).asByteArray()));
    }

    private Callable<String> uploadCall(String key, String upload, int number, byte[] data) {
        return () -> s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(upload).partNumber(number),
                RequestBody.fromBytes(data)).eTag();
    }

    private List<CompletedPart> uploadAll(String key, String upload, byte[][] parts) throws Exception {
        List<CompletedPart> completed = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            int number = i + 1;
            completed.add(CompletedPart.builder().partNumber(number)
                    .eTag(uploadCall(key, upload, number, parts[i]).call()).build());
        }
        return completed;
    }

    /** The listed parts as a completion list, with part 4 given {@code partFourEtag}. */
    private static List<CompletedPart> completedParts(List<Part> listed, String partFourEtag) {
        return listed.stream().map(p -> CompletedPart.builder().partNumber(p.partNumber())
                .eTag(p.partNumber() == 4 ? partFourEtag : p.eTag()).build()).toList();
    }

    private static byte[] versionWithEtag(String etag, byte[]... versions) {
        for (byte[] version : versions) {
            if (etag.equals("\"" + TestData.md5Hex(version) + "\"")) return version;
        }
        return fail("part 4's listed ETag " + etag + " matches none of the versions uploaded");
    }

    private static void assertNoSuchUpload(Outcome<?> outcome, String where) {
        assertNotNull(outcome.error(), where);
        assertEquals(404, outcome.error().statusCode(), where);
        assertEquals("NoSuchUpload", outcome.error().awsErrorDetails().errorCode(), where);
    }

    /**
     * Runs every call on its own thread, all released together by one barrier, and returns their
     * outcomes in call order; anything but an S3 error answer (a 5xx included) fails the test.
     */
    private <T> List<Outcome<T>> race(List<Callable<T>> calls) throws Exception {
        CyclicBarrier start = new CyclicBarrier(calls.size());
        List<Future<Outcome<T>>> futures = new ArrayList<>();
        for (Callable<T> call : calls) {
            futures.add(pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                try {
                    return new Outcome<T>(call.call(), null);
                } catch (S3Exception e) {
                    if (e.statusCode() >= 500) throw e;
                    return new Outcome<T>(null, e);
                }
            }));
        }
        List<Outcome<T>> outcomes = new ArrayList<>();
        for (Future<Outcome<T>> future : futures) {
            outcomes.add(future.get(40, TimeUnit.SECONDS));
        }
        return outcomes;
    }
}

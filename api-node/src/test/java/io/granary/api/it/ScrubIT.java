package io.granary.api.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.heal.BackgroundSettings;
import io.granary.api.heal.JobProgress;
import io.granary.api.heal.Scrubber;
import io.granary.datanode.ShardId;
import io.granary.metadata.model.HealReason;
import io.granary.metadata.model.HealTask;
import io.granary.metadata.model.PartLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Scrub passes on an embedded server of its own per test: healthy objects, single and multipart, and an
 * open upload's part are read in full with nothing found; a flipped byte and a deleted shard file are
 * found and queued for heal (as CHECKSUM_MISMATCH and SCRUB) while GET stays correct; a pass limited to
 * one node reads only that node's shards; a rate-limited pass still finishes. Automatic passes are set a
 * year apart so only the passes the tests start run. The heal-queue assertions assume no heal worker
 * drains the queue.
 */
@Timeout(120)
class ScrubIT {
    private static final int MIB = TestData.MIB;

    @TempDir
    Path dir;
    private EmbeddedNode server;
    private String bucket;

    private void start(long scrubBytesPerSecond) throws Exception {
        server = EmbeddedNode.start(dir, BackgroundSettings.defaults().withScrub(scrubBytesPerSecond,
                Duration.ofDays(365)).withOrphans(Duration.ofHours(1), Duration.ofDays(365)));
        bucket = GranaryServerExtension.newBucket();
        server.s3().createBucket(b -> b.bucket(bucket));
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void aPassOverHealthyObjectsChecksSixShardsOfEveryPartAndFindsNothingBad() throws Exception {
        start(0);
        put("empty", new byte[0]);
        put("two-stripes", TestData.random(MIB + 1, 1));
        String multipart = server.s3().createMultipartUpload(b -> b.bucket(bucket).key("multi")).uploadId();
        String etag1 = uploadPart("multi", multipart, 1, TestData.random(5 * MIB, 2));
        String etag2 = uploadPart("multi", multipart, 2, TestData.random(3, 3));
        server.s3().completeMultipartUpload(b -> b.bucket(bucket).key("multi").uploadId(multipart)
                .multipartUpload(u -> u.parts(CompletedPart.builder().partNumber(1).eTag(etag1).build(),
                        CompletedPart.builder().partNumber(2).eTag(etag2).build())));
        String open = server.s3().createMultipartUpload(b -> b.bucket(bucket).key("open")).uploadId();
        uploadPart("open", open, 1, TestData.random(1000, 4));

        JobProgress done = scrub(null);

        assertEquals(JobProgress.State.DONE, done.state(), done.toString());
        assertEquals(Scrubber.KIND, done.kind());
        assertEquals(4, done.objectsTotal(), "three objects and one open part");
        assertEquals(4, done.objectsScanned());
        assertEquals(6 * 5, done.shardsChecked(), "six shards of each of five parts");
        assertEquals(0, done.shardsBad());
        assertEquals(0, done.shardsFailed());
        assertEquals(shardBytesOnDisk(), done.bytes(), "every byte of every shard file was read");
        assertTrue(done.clean());
        assertTrue(server.healTasks(HealReason.CHECKSUM_MISMATCH).isEmpty());
        assertTrue(server.healTasks(HealReason.SCRUB).isEmpty());
    }

    @Test
    void aFlippedByteIsFoundAndQueuedForHealAsAChecksumMismatchOfThatShardWhileGetStaysCorrect() throws Exception {
        start(0);
        DamagedObject object = put("flipped", TestData.random(3 * MIB + 5, 5));
        put("healthy", TestData.random(MIB, 6));
        object.corrupt(2, 1);
        assertArrayEquals(object.data(), server.s3().getObjectAsBytes(b -> b.bucket(bucket).key("flipped"))
                .asByteArray());

        JobProgress done = scrub(null);

        assertEquals(JobProgress.State.DONE, done.state(), done.toString());
        assertEquals(1, done.shardsBad());
        assertEquals(12, done.shardsChecked());
        assertOnlyTask(HealReason.CHECKSUM_MISMATCH, "flipped", 2);
    }

    @Test
    void aDeletedShardFileIsFoundMissingAndQueuedForHeal() throws Exception {
        start(0);
        DamagedObject object = put("deleted", TestData.random(MIB + 7, 7));
        object.remove(4);

        JobProgress done = scrub(null);

        assertEquals(1, done.shardsBad(), done.toString());
        assertEquals(6, done.shardsChecked());
        assertEquals(0, done.shardsFailed(), "missing is bad, not a failure to check");
        assertOnlyTask(HealReason.SCRUB, "deleted", 4);
        assertTrue(server.healTasks(HealReason.CHECKSUM_MISMATCH).isEmpty());
    }

    @Test
    void aPassLimitedToOneNodeChecksOnlyTheShardsOnThatNode() throws Exception {
        start(0);
        DamagedObject first = put("first", TestData.random(2 * MIB, 8));
        put("second", TestData.random(100, 9));
        PartLayout layout = server.firstPart(bucket, "first");
        first.corrupt(0, 0);
        first.remove(1);
        String node = layout.nodes().get(0);

        JobProgress done = scrub(node);

        assertEquals(node, done.node());
        assertEquals(2, done.shardsChecked(), "one shard of each object lives on each node");
        assertEquals(1, done.shardsBad(), "the shard removed from another node is not looked at");
        assertOnlyTask(HealReason.CHECKSUM_MISMATCH, "first", 0);
        assertTrue(server.healTasks(HealReason.SCRUB).isEmpty());
    }

    @Test
    void aRateLimitedPassCompletesAndAStartWhileItRunsReturnsTheRunningPass() throws Exception {
        start(1 << 20);
        put("paced", TestData.random(2 * MIB, 10));

        JobProgress started = EmbeddedNode.await(server.node().recovery().scrubber().start(null));
        JobProgress again = EmbeddedNode.await(server.node().recovery().scrubber().start(null));
        JobProgress done = EmbeddedNode.await(server.node().recovery().scrubber().whenDone());

        assertEquals(JobProgress.State.RUNNING, started.state());
        assertEquals(1, started.objectsTotal());
        assertEquals(started.startedMillis(), again.startedMillis(), "the running pass is left alone");
        assertEquals(JobProgress.State.DONE, done.state());
        assertEquals(6, done.shardsChecked());
        assertEquals(shardBytesOnDisk(), done.bytes());
        assertNull(done.error());
    }

    @Test
    void passesStartAutomaticallyAndTheLastOneSurvivesARestart() throws Exception {
        server = EmbeddedNode.start(dir, BackgroundSettings.defaults().withScrub(0, Duration.ofMillis(200)));
        bucket = GranaryServerExtension.newBucket();
        server.s3().createBucket(b -> b.bucket(bucket));
        put("auto", TestData.random(1000, 14));
        Path recorded = dir.resolve("scrub-last-pass");
        JobProgress automatic = awaitAutomaticPass(recorded);
        assertEquals(6, automatic.shardsChecked());
        server.close();

        Files.writeString(recorded, Long.toString(System.currentTimeMillis() - Duration.ofHours(2).toMillis()));
        server = EmbeddedNode.start(dir, BackgroundSettings.defaults().withScrub(0, Duration.ofHours(1)));
        assertEquals(6, awaitAutomaticPass(recorded).shardsChecked(), "a pass overdue since before the restart runs");
    }

    /**
     * Waits (bounded by the class timeout) until an automatic pass that saw the one object has finished
     * and a pass end is recorded in {@code recorded}. Passes that ran before the object was written saw none.
     */
    private JobProgress awaitAutomaticPass(Path recorded) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> server.node().recovery().scrubber().progress(), progress -> progress.state()
                        == JobProgress.State.DONE && progress.objectsTotal() == 1 && Files.exists(recorded));
    }

    private JobProgress scrub(String node) throws Exception {
        EmbeddedNode.await(server.node().recovery().scrubber().start(node));
        JobProgress done = EmbeddedNode.await(server.node().recovery().scrubber().whenDone());
        assertEquals(done, server.node().recovery().scrubber().progress(), "progress() shows the finished pass");
        return done;
    }

    /** The one heal task queued for {@code reason}: shard {@code index} of {@code key}, on that shard's node. */
    private void assertOnlyTask(HealReason reason, String key, int index) {
        PartLayout layout = server.firstPart(bucket, key);
        List<HealTask> tasks = server.healTasks(reason);
        assertEquals(1, tasks.size(), tasks.toString());
        HealTask task = tasks.get(0);
        assertEquals(List.of(bucket, key, layout.shardSetId(), index, layout.nodes().get(index), 1),
                List.of(task.bucket(), task.key(), task.shardSetId(), task.shardIndex(), task.node(),
                        task.partNumber()));
        assertNull(task.uploadId());
    }

    private DamagedObject put(String key, byte[] data) throws IOException {
        Set<Path> before = ShardFiles.all(server.dataDir());
        server.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(data));
        return DamagedObject.locate(key, data, ShardFiles.createdSince(server.dataDir(), before));
    }

    private String uploadPart(String key, String uploadId, int number, byte[] data) {
        return server.s3().uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                RequestBody.fromBytes(data)).eTag();
    }

    private long shardBytesOnDisk() {
        return ShardFiles.all(server.dataDir()).stream().filter(file -> ShardId.isValid(file.getFileName().toString()))
                .mapToLong(file -> {
                    try {
                        return Files.size(file);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).sum();
    }
}

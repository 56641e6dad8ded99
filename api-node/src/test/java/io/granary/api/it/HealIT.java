package io.granary.api.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.heal.BackgroundPass;
import io.granary.api.heal.JobProgress;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;

/**
 * Heal on the embedded server: two data nodes' directories emptied (a replaced disk) → every object still
 * reads bit-exact → a full heal repopulates them → two other nodes emptied → still bit-exact. A flipped
 * byte found by a GET is rebuilt by the heal worker without anyone asking.
 */
@Timeout(180)
class HealIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();
    private static S3Client s3;

    @BeforeAll
    static void client() {
        s3 = S3Clients.sync(SERVER.endpoint(), S3Clients.ChecksumSetting.SDK_DEFAULT);
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    @Test
    void emptiedNodesAreRepopulatedByAFullHealAndTheDataSurvivesTwoMoreLosses() throws Exception {
        String bucket = GranaryServerExtension.newBucket();
        s3.createBucket(b -> b.bucket(bucket));
        Map<String, byte[]> objects = new LinkedHashMap<>();
        int[] sizes = {0, 1, 5_000, 3 * TestData.MIB + 7, 9 * TestData.MIB};
        for (int size : sizes) {
            byte[] data = TestData.random(size, size);
            s3.putObject(b -> b.bucket(bucket).key("single-" + size), RequestBody.fromBytes(data));
            objects.put("single-" + size, data);
        }
        objects.put("multipart", multipart(bucket, "multipart"));
        // Encrypted objects heal as ciphertext, with no key involved, and still decrypt after.
        for (int size : new int[] {70_000, 3 * TestData.MIB + 7}) {
            byte[] data = TestData.random(size, size + 1);
            s3.putObject(b -> b.bucket(bucket).key("sealed-" + size).serverSideEncryption(ServerSideEncryption.AES256),
                    RequestBody.fromBytes(data));
            objects.put("sealed-" + size, data);
        }
        Map<Integer, Long> shardsBefore = new LinkedHashMap<>();
        for (int node = 1; node <= ShardFiles.NODES; node++) {
            shardsBefore.put(node, shardFiles(node));
        }

        emptyNodes(2, 5);
        readAllBack(bucket, objects);
        JobProgress healed = fullHeal();
        assertTrue(healed.clean(), "heal must end clean: " + healed);
        for (int node = 1; node <= ShardFiles.NODES; node++) {
            assertEquals(shardsBefore.get(node), shardFiles(node), "node-" + node + " holds all its shards again");
        }

        emptyNodes(1, 3);
        readAllBack(bucket, objects);
    }

    @Test
    void aFlippedByteFoundByAReadIsRebuiltByTheHealWorker() throws Exception {
        String bucket = GranaryServerExtension.newBucket();
        s3.createBucket(b -> b.bucket(bucket));
        byte[] data = TestData.random(3 * TestData.MIB, 99);
        Set<Path> before = ShardFiles.all(SERVER.dataDir());
        s3.putObject(b -> b.bucket(bucket).key("flipped"), RequestBody.fromBytes(data));
        DamagedObject object = DamagedObject.locate("flipped", data, ShardFiles.createdSince(SERVER.dataDir(), before));
        byte[] shard = object.shardBytes(1);
        object.corrupt(1, 1);

        assertArrayEquals(data, s3.getObjectAsBytes(b -> b.bucket(bucket).key("flipped")).asByteArray());
        Awaitility.await("the heal worker rewrites the corrupt shard as it was").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100)).until(() -> object.shardMatches(1, shard));
    }

    private static byte[] multipart(String bucket, String key) {
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32)).uploadId();
        List<CompletedPart> done = new ArrayList<>();
        byte[] all = TestData.random(15 * TestData.MIB + 12_345, 7);
        int partSize = 5 * TestData.MIB;
        for (int n = 1; n <= 3; n++) {
            int from = (n - 1) * partSize;
            int to = n == 3 ? all.length : from + partSize;
            byte[] part = Arrays.copyOfRange(all, from, to);
            int number = n;
            String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(upload).partNumber(number)
                    .checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(part)).eTag();
            done.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        }
        s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(upload)
                .multipartUpload(m -> m.parts(done)));
        return all;
    }

    private static void readAllBack(String bucket, Map<String, byte[]> objects) {
        objects.forEach((key, data) -> assertArrayEquals(data,
                s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray(), key));
    }

    private static JobProgress fullHeal() throws Exception {
        BackgroundPass heal = SERVER.node().recovery().heal();
        heal.start(null).toCompletionStage().toCompletableFuture().get();
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                .until(heal::progress, progress -> progress.state() != JobProgress.State.RUNNING);
    }

    /** Empties the data directories of the given nodes while the server runs, as replaced disks would be. */
    private static void emptyNodes(int... nodes) throws IOException {
        for (int node : nodes) {
            GranaryServerExtension.emptyDirectory(SERVER.dataDir().resolve("node-" + node));
        }
    }

    private static long shardFiles(int node) throws IOException {
        return ShardFiles.committedShards(SERVER.dataDir().resolve("node-" + node));
    }
}

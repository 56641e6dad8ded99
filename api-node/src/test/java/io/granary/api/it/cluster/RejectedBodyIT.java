package io.granary.api.it.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.granary.datanode.ClusterSignature;
import io.granary.datanode.RemoteShardStore;
import io.granary.datanode.ShardInfo;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A PUT whose Content-MD5 or x-amz-checksum turns out wrong only after its last stripe, against six real
 * data-node processes: the API node has sent every frame of every shard by then, yet no data node commits
 * one, because a shard commits only when its tag arrives and the tag is sent only for a verified body. The
 * cut-off writes leave no temp file behind either.
 */
@Timeout(180)
class RejectedBodyIT {
    private static final int SIZE = 8 << 20;

    @RegisterExtension
    static final ProcessClusterExtension CLUSTER = new ProcessClusterExtension();

    private static ProcessCluster cluster;
    private static S3Client s3;
    private static Vertx vertx;
    private static final List<RemoteShardStore> NODES = new ArrayList<>();

    @BeforeAll
    static void setUp() throws Exception {
        cluster = CLUSTER.cluster();
        s3 = cluster.client(4);
        s3.createBucket(b -> b.bucket("digests"));
        vertx = Vertx.vertx();
        ClusterSignature signature = ClusterSignature.fromFile(cluster.secretFile(), Clock.systemUTC());
        for (int node = 1; node <= ProcessCluster.DATA_NODES; node++) {
            NODES.add(new RemoteShardStore(vertx, "127.0.0.1", cluster.dataNodePort(node), signature));
        }
    }

    @AfterAll
    static void tearDown() {
        NODES.forEach(RemoteShardStore::close);
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void wrongContentMd5LeavesNoShardOnAnyNode() {
        assertRefusedLeavingNothing(p -> p.key("md5").contentMD5(base64(md5(random(16, 2)))), random(SIZE, 1));
    }

    @Test
    void wrongChecksumLeavesNoShardOnAnyNode() {
        assertRefusedLeavingNothing(p -> p.key("sha256").checksumSHA256(base64(digest("SHA-256", new byte[1]))),
                random(SIZE, 3));
    }

    /** The PUT {@code request} describes is refused with BadDigest and leaves nothing on any data node. */
    private static void assertRefusedLeavingNothing(Consumer<PutObjectRequest.Builder> request, byte[] body) {
        int before = committedShards();
        S3Exception refused = assertThrows(S3Exception.class, () -> s3.putObject(p -> request.accept(
                p.bucket("digests")), RequestBody.fromBytes(body)));
        assertEquals("BadDigest", refused.awsErrorDetails().errorCode());
        assertEquals(before, committedShards(), "no shard of the rejected body may be committed");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> tempFiles() == 0);
        assertEquals(before, committedShards());
    }

    @Test
    void rightDigestsCommitAllSixShards() {
        byte[] body = random(SIZE, 4);
        int before = committedShards();
        s3.putObject(p -> p.bucket("digests").key("good").contentMD5(base64(md5(body))), RequestBody.fromBytes(body));
        assertEquals(before + 6, committedShards());
        assertArrayEquals(body, s3.getObjectAsBytes(g -> g.bucket("digests").key("good")).asByteArray());
    }

    private static int committedShards() {
        int count = 0;
        for (RemoteShardStore node : NODES) {
            List<ShardInfo> shards = node.list(null, 10_000).toCompletionStage().toCompletableFuture().join().shards();
            count += shards.size();
        }
        return count;
    }

    private static long tempFiles() throws Exception {
        long count = 0;
        for (Path dir : cluster.dataNodeDirs()) {
            Path tmp = dir.resolve("tmp");
            if (!Files.isDirectory(tmp)) continue;
            try (Stream<Path> files = Files.list(tmp)) {
                count += files.count();
            }
        }
        return count;
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] md5(byte[] bytes) {
        return digest("MD5", bytes);
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}

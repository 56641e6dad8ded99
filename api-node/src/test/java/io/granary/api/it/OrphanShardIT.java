package io.granary.api.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.heal.BackgroundSettings;
import io.granary.datanode.LocalShardStore;
import io.granary.datanode.ShardId;
import io.granary.datanode.ShardInfo;
import io.granary.datanode.ShardWriter;
import io.granary.erasure.ChunkFrame;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Orphan-shard collection on an embedded server of its own per test: a shard file written straight to a
 * data node's store, which no record references (what a crash between shard write and metadata commit
 * leaves), is deleted by a sweep once older than the grace period and kept before; the shards of stored
 * objects and of open uploads' parts are never touched, even with no grace at all.
 */
@Timeout(120)
class OrphanShardIT {
    @TempDir
    Path dir;
    private EmbeddedNode server;
    private Vertx vertx;
    private WorkerExecutor disk;

    private void start(Duration grace) throws Exception {
        server = EmbeddedNode.start(dir, BackgroundSettings.defaults().withScrub(0, Duration.ofDays(365))
                .withOrphans(grace, Duration.ofDays(365)));
        vertx = Vertx.vertx();
        disk = vertx.createSharedWorkerExecutor("orphan-it-disk", 2);
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.close();
        if (vertx != null) EmbeddedNode.await(vertx.close());
    }

    @Test
    void withNoGraceAnUnreferencedShardIsDeletedAndReferencedOnesAreKept() throws Exception {
        start(Duration.ZERO);
        String bucket = GranaryServerExtension.newBucket();
        server.s3().createBucket(b -> b.bucket(bucket));
        byte[] data = TestData.random(TestData.MIB + 3, 11);
        server.s3().putObject(b -> b.bucket(bucket).key("kept"), RequestBody.fromBytes(data));
        String upload = server.s3().createMultipartUpload(b -> b.bucket(bucket).key("open")).uploadId();
        server.s3().uploadPart(b -> b.bucket(bucket).key("open").uploadId(upload).partNumber(1),
                RequestBody.fromBytes(TestData.random(500, 12)));
        Set<Path> referenced = new TreeSet<>(ShardFiles.all(server.dataDir()));
        assertEquals(12, referenced.size(), "six shards of the object and six of the part");
        // A write refused after its body (a wrong Content-MD5) settles its set too.
        assertThrows(S3Exception.class, () -> server.s3().putObject(b -> b.bucket(bucket).key("refused")
                .contentMD5("1B2M2Y8AsgTpgAmY7PhCfg=="), RequestBody.fromBytes(data)));
        assertEquals(0, server.node().writesInFlight().size(), "every write settled its set");

        Path orphan = plant("node-3", ShardId.randomSetId());

        assertEquals(1, EmbeddedNode.await(server.node().recovery().orphans().sweep()));
        assertFalse(Files.exists(orphan));
        assertEquals(referenced, ShardFiles.all(server.dataDir()), "every referenced shard is still there");
        assertArrayEquals(data, server.s3().getObjectAsBytes(b -> b.bucket(bucket).key("kept")).asByteArray());
        assertEquals(0, EmbeddedNode.await(server.node().recovery().orphans().sweep()));
    }

    @Test
    void anUnreferencedShardIsKeptWithinTheGracePeriodAndDeletedAfterIt() throws Exception {
        start(Duration.ofHours(1));
        String setId = ShardId.randomSetId();
        Path first = plant("node-1", setId);
        Path other = plant("node-5", setId);

        assertEquals(0, EmbeddedNode.await(server.node().recovery().orphans().sweep()));
        assertTrue(Files.exists(first) && Files.exists(other));

        Files.setLastModifiedTime(first, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        assertEquals(1, EmbeddedNode.await(server.node().recovery().orphans().sweep()));
        assertFalse(Files.exists(first));
        assertTrue(Files.exists(other), "its sibling on another node is still within the grace period");
    }

    @Test
    void aSetThisNodeIsStillWritingIsKeptWhateverTheGrace() throws Exception {
        // Its shards are committed and no record names them yet: the metadata commit is still to come.
        start(Duration.ZERO);
        String setId = ShardId.randomSetId();
        server.node().writesInFlight().add(setId);
        Path shard = plant("node-2", setId);

        assertEquals(0, EmbeddedNode.await(server.node().recovery().orphans().sweep()));
        assertTrue(Files.exists(shard));

        // Settled without a record (its write failed): collected by the next sweep.
        server.node().writesInFlight().remove(setId);
        assertEquals(1, EmbeddedNode.await(server.node().recovery().orphans().sweep()));
        assertFalse(Files.exists(shard));
    }

    /**
     * Writes shard 0 of {@code setId} (one small valid frame) straight into data node {@code node}'s store,
     * as a PUT does before its record is committed, and returns the file.
     */
    private Path plant(String node, String setId) throws Exception {
        Path root = server.dataDir().resolve(node);
        LocalShardStore store = EmbeddedNode.await(LocalShardStore.open(vertx, root, disk));
        ByteBuffer frame = ChunkFrame.frame(ByteBuffer.wrap(TestData.random(64, 13)));
        ShardId id = ShardId.of(setId, 0);
        ShardWriter writer = EmbeddedNode.await(store.openWrite(id, frame.remaining()));
        writer.end(Buffer.buffer(frame.array()));
        ShardInfo info = EmbeddedNode.await(writer.committed());
        return ShardFiles.all(server.dataDir()).stream().filter(file -> file.startsWith(root)
                && file.getFileName().toString().equals(info.id().value())).findFirst().orElseThrow();
    }
}

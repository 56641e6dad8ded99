package io.granary.api.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.ApiNode;
import io.granary.api.heal.BackgroundSettings;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * {@code granary admin kms rotate-master} on a real embedded server: SSE-S3 objects (single and multipart,
 * current and older versions), an open upload's part, an SSE-KMS object under a stored key and an SSE-C object
 * all read back bit-exact after the rotation destroyed the old generation, which they could not if any data
 * key had been missed; and a rotation cut off by a stop resumes when the node starts again.
 */
@Timeout(240)
class MasterKeyRotationIT {
    private static final Map<String, String> ENV = Map.of("GRANARY_ACCESS_KEY", GranaryServerExtension.ACCESS_KEY,
            "GRANARY_SECRET_KEY", GranaryServerExtension.SECRET_KEY);

    private final Vertx vertx = Vertx.vertx();
    private Path dataDir;
    private ApiNode node;

    @BeforeEach
    void makeDataDir() throws Exception {
        dataDir = Files.createTempDirectory("granary-master-key-");
    }

    @AfterEach
    void stop() throws Exception {
        if (node != null) node.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
        if (dataDir != null) GranaryServerExtension.deleteTree(dataDir);
    }

    private S3Client start() throws Exception {
        node = ApiNode.start(vertx, ApiNode.Config.embedded(dataDir, "127.0.0.1", 0, ENV)
                .withBackground(BackgroundSettings.defaults()).withShardStores(GranaryServerExtension.FILE_SHARDS));
        return S3Clients.sync(endpoint(), S3Clients.ChecksumSetting.SDK_DEFAULT);
    }

    private URI endpoint() {
        return URI.create("http://127.0.0.1:" + node.port());
    }

    @Test
    void everyDataKeyIsReWrappedAndAStoppedRotationResumes() throws Exception {
        S3Client s3 = start();
        String bucket = GranaryServerExtension.newBucket();
        s3.createBucket(b -> b.bucket(bucket));
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status("Enabled")));
        Map<String, byte[]> expected = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            byte[] data = TestData.random(1000 + i * 7919, i);
            String key = "s3-" + i;
            s3.putObject(b -> b.bucket(bucket).key(key).serverSideEncryption(ServerSideEncryption.AES256),
                    RequestBody.fromBytes(data));
            expected.put(key, data);
        }
        byte[] older = TestData.random(70_000, 100);
        String olderVersion = s3.putObject(b -> b.bucket(bucket).key("versioned").serverSideEncryption(
                ServerSideEncryption.AES256), RequestBody.fromBytes(older)).versionId();
        byte[] newer = TestData.random(80_000, 101);
        s3.putObject(b -> b.bucket(bucket).key("versioned").serverSideEncryption(ServerSideEncryption.AES256),
                RequestBody.fromBytes(newer));
        expected.put("versioned", newer);
        String kmsArn = AdminCli.json(endpoint(), "kms", "key", "create", "rotated", "--json").path("arn").asText();
        byte[] kms = TestData.random(90_000, 102);
        s3.putObject(b -> b.bucket(bucket).key("kms").serverSideEncryption(ServerSideEncryption.AWS_KMS)
                .ssekmsKeyId(kmsArn), RequestBody.fromBytes(kms));
        expected.put("kms", kms);
        byte[] part = TestData.random(5 * TestData.MIB, 103);
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("open")
                .serverSideEncryption(ServerSideEncryption.AES256)).uploadId();
        String partEtag = s3.uploadPart(b -> b.bucket(bucket).key("open").uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(part)).eTag();
        assertEquals(Set.of(0), node.iam().dataKeys().usableGenerations());

        AdminCli.Result rotated = AdminCli.run(endpoint(), "kms", "rotate-master", "--wait");
        assertEquals(0, rotated.exit(), rotated.out() + rotated.err());
        // 30 objects, two versions and the open part; the KMS object's key is the KMS key's, not the master's.
        assertTrue(rotated.out().contains("33 data keys re-wrapped"), rotated.out());
        assertEquals(Set.of(1), node.iam().dataKeys().usableGenerations());
        assertAllRead(s3, bucket, expected);
        assertArrayEquals(older, s3.getObjectAsBytes(b -> b.bucket(bucket).key("versioned")
                .versionId(olderVersion)).asByteArray());

        // A rotation cut off before its pass ran: the next start carries it on.
        node.iam().rotateDataKeys();
        node.close();
        node = null;
        S3Client again = start();
        await().atMost(Duration.ofSeconds(60)).until(() -> node.iam().dataKeys().usableGenerations()
                .equals(Set.of(2)));
        assertAllRead(again, bucket, expected);
        List<CompletedPart> parts = new ArrayList<>(List.of(CompletedPart.builder().partNumber(1).eTag(partEtag)
                .build()));
        again.completeMultipartUpload(b -> b.bucket(bucket).key("open").uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts)));
        assertArrayEquals(part, again.getObjectAsBytes(b -> b.bucket(bucket).key("open")).asByteArray());
        assertTrue(AdminCli.run(endpoint(), "kms", "rotate-master", "--status").out().contains("DONE"));
    }

    @Test
    void replacingTheMasterKeyKeepsEveryObjectReadableAndTheOldKeyIsRefused() throws Exception {
        S3Client s3 = start();
        String bucket = GranaryServerExtension.newBucket();
        s3.createBucket(b -> b.bucket(bucket));
        Map<String, byte[]> expected = new LinkedHashMap<>();
        expected.put("sse-s3", TestData.random(300_000, 1));
        s3.putObject(b -> b.bucket(bucket).key("sse-s3").serverSideEncryption(ServerSideEncryption.AES256),
                RequestBody.fromBytes(expected.get("sse-s3")));
        expected.put("aws-s3", TestData.random(200_000, 2));
        s3.putObject(b -> b.bucket(bucket).key("aws-s3").serverSideEncryption(ServerSideEncryption.AWS_KMS),
                RequestBody.fromBytes(expected.get("aws-s3")));
        String kmsArn = AdminCli.json(endpoint(), "kms", "key", "create", "app", "--json").path("arn").asText();
        expected.put("kms", TestData.random(100_000, 3));
        s3.putObject(b -> b.bucket(bucket).key("kms").serverSideEncryption(ServerSideEncryption.AWS_KMS)
                .ssekmsKeyId(kmsArn), RequestBody.fromBytes(expected.get("kms")));
        node.close();
        node = null;

        // The operator's procedure: the old key moves aside, a start makes a new one and re-seals under it.
        Path key = dataDir.resolve("master-key");
        byte[] oldKey = Files.readAllBytes(key);
        Files.move(key, dataDir.resolve("master-key.previous"));
        S3Client replaced = start();
        assertTrue(node.iam().replacedMasterKey());
        assertTrue(Files.notExists(dataDir.resolve("master-key.previous")), "the old key is not left behind");
        assertTrue(!Arrays.equals(oldKey, Files.readAllBytes(key)), "a new master key");
        assertAllRead(replaced, bucket, expected);
        node.close();
        node = null;

        byte[] newKey = Files.readAllBytes(key);
        Files.write(key, oldKey);
        Exception refused = assertThrows(Exception.class, this::start);
        assertTrue(String.valueOf(refused.getMessage()).contains("sealed under"), refused.toString());
        Files.write(key, newKey);
        S3Client again = start();
        AdminCli.Result rotated = AdminCli.run(endpoint(), "kms", "rotate-master", "--wait");
        assertEquals(0, rotated.exit(), rotated.out() + rotated.err());
        assertEquals(Set.of(1), node.iam().dataKeys().usableGenerations());
        assertAllRead(again, bucket, expected);
    }

    private static void assertAllRead(S3Client s3, String bucket, Map<String, byte[]> expected) {
        expected.forEach((key, data) -> assertArrayEquals(data, s3.getObjectAsBytes(b -> b.bucket(bucket).key(key))
                .asByteArray(), key));
    }
}

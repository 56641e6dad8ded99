package io.granary.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.granary.api.Launcher;
import io.granary.api.cli.admin.RequestSigner;
import io.granary.api.it.S3Clients.ChecksumSetting;
import io.granary.iam.CreatedAccessKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The admin API on the embedded server: the status report's shape and figures, root-only access with
 * JSON errors, and the recovery drill (every object read back with two nodes left out, per pair or a
 * named pair) including the cases where it must report failure rather than wrong bytes.
 */
@Timeout(180)
class AdminApiIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private static S3Client s3;
    private static AdminRequests admin;

    @BeforeAll
    static void clients() {
        s3 = S3Clients.sync(SERVER.endpoint(), ChecksumSetting.WHEN_REQUIRED);
        admin = AdminRequests.root(SERVER.endpoint());
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    private static String putObjects(int count, int size) {
        String bucket = GranaryServerExtension.newBucket();
        s3.createBucket(b -> b.bucket(bucket));
        for (int i = 0; i < count; i++) {
            String key = "k" + i;
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(TestData.random(size, i)));
        }
        return bucket;
    }

    @Test
    void statusReportsSixOnlineNodesAndCountsObjects() throws Exception {
        long before = admin.send("GET", "/_admin/status").json().path("objects").path("total").asLong();
        putObjects(3, 1000);
        AdminRequests.Answer answer = admin.send("GET", "/_admin/status");
        assertEquals(200, answer.status(), answer.body());
        JsonNode status = answer.json();
        assertEquals(6, status.path("nodes").size(), answer.body());
        for (int i = 0; i < 6; i++) {
            JsonNode node = status.path("nodes").get(i);
            assertEquals("node-" + (i + 1), node.path("id").asText());
            assertEquals("ONLINE", node.path("state").asText(), answer.body());
            assertTrue(node.path("freeBytes").asLong() > 0, answer.body());
            assertTrue(node.path("usedBytes").asLong() > 0, answer.body());
            assertTrue(node.path("shardCount").asLong() >= 3, answer.body());
            assertTrue(node.path("endpoint").asText().endsWith("node-" + (i + 1)), answer.body());
        }
        assertEquals(before + 3, status.path("objects").path("total").asLong(), answer.body());
        assertEquals(0, status.path("objects").path("degraded").asLong(), answer.body());
        assertEquals(0, status.path("healQueue").asLong(), answer.body());
        assertEquals("heal", status.path("heal").path("kind").asText(), answer.body());
        assertEquals("scrub", status.path("scrub").path("kind").asText(), answer.body());
    }

    @Test
    void aNodeMarkedOfflineIsReportedWithoutFiguresAndEveryObjectOnItIsDegraded() throws Exception {
        putObjects(2, 10);
        SERVER.node().nodes().markOnline("node-3", false);
        try {
            JsonNode status = admin.send("GET", "/_admin/status").json();
            JsonNode node3 = status.path("nodes").get(2);
            assertEquals("OFFLINE", node3.path("state").asText(), status.toString());
            assertTrue(node3.path("usedBytes").isNull() && node3.path("shardCount").isNull(), status.toString());
            // Six shards on six nodes: every object has one on node-3.
            assertEquals(status.path("objects").path("total").asLong(),
                    status.path("objects").path("degraded").asLong(), status.toString());
            assertTrue(status.path("objects").path("total").asLong() >= 2, status.toString());
        } finally {
            SERVER.node().nodes().markOnline("node-3", true);
        }
        assertEquals(0, admin.send("GET", "/_admin/status").json().path("objects").path("degraded").asLong());
    }

    @Test
    void anIamUserIsDeniedWithAJsonError() throws Exception {
        String name = "ops-" + GranaryServerExtension.newBucket();
        String account = SERVER.node().iam().systemAccount().accountId();
        SERVER.node().iam().createUser(account, name, null, null);
        CreatedAccessKey key = SERVER.node().iam().createAccessKey(account, name);
        AdminRequests user = new AdminRequests(SERVER.endpoint(), new RequestSigner(key.accessKeyId(),
                key.secretKey(), GranaryServerExtension.REGION));
        assertError(user.send("GET", "/_admin/status"), 403, "AccessDenied");
        assertError(user.send("POST", "/_admin/drill"), 403, "AccessDenied");
    }

    @Test
    void unsignedAndWronglySignedRequestsAreRefused() throws Exception {
        assertError(new AdminRequests(SERVER.endpoint(), null).send("GET", "/_admin/status"), 403, "AccessDenied");
        AdminRequests wrongSecret = new AdminRequests(SERVER.endpoint(), new RequestSigner(
                GranaryServerExtension.ACCESS_KEY, "not-the-secret", GranaryServerExtension.REGION));
        assertError(wrongSecret.send("GET", "/_admin/status"), 403, "SignatureDoesNotMatch");
        AdminRequests unknownKey = new AdminRequests(SERVER.endpoint(), new RequestSigner("GKNOSUCHKEY00000000",
                "x", GranaryServerExtension.REGION));
        assertError(unknownKey.send("GET", "/_admin/status"), 403, "InvalidAccessKeyId");
    }

    @Test
    void unknownOperationsWrongMethodsAndBadArgumentsAnswerJsonErrors() throws Exception {
        assertError(admin.send("GET", "/_admin/nope"), 404, "NoSuchAdminOperation");
        assertError(admin.send("GET", "/_admin/"), 404, "NoSuchAdminOperation");
        assertError(admin.send("DELETE", "/_admin/status"), 405, "MethodNotAllowed");
        assertError(admin.send("GET", "/_admin/drill"), 405, "MethodNotAllowed");
        assertError(admin.send("POST", "/_admin/heal?node=node-9"), 400, "InvalidArgument");
        assertError(admin.send("PUT", "/_admin/heal"), 405, "MethodNotAllowed");
        assertError(admin.send("POST", "/_admin/nodes/replace?old=node-1"), 400, "InvalidArgument");
        assertError(admin.send("POST", "/_admin/nodes/replace?old=node-1&with=http://127.0.0.1:1"), 400,
                "InvalidArgument");
        assertError(admin.send("POST", "/_admin/drill?sample=0"), 400, "InvalidArgument");
        assertError(admin.send("POST", "/_admin/drill?nodes=node-1,node-1"), 400, "InvalidArgument");
        assertError(admin.send("POST", "/_admin/drill?nodes=node-1,node-9"), 400, "InvalidArgument");
    }

    @Test
    void noBucketCanBeNamedLikeTheAdminPrefix() throws Exception {
        AdminRequests.Answer bucket = admin.send("PUT", "/_admin");
        assertEquals(400, bucket.status(), bucket.body());
        assertTrue(bucket.body().contains("<Code>InvalidBucketName</Code>"), bucket.body());
        assertError(admin.send("PUT", "/_admin/key"), 404, "NoSuchAdminOperation");
        assertFalse(s3.listBuckets().buckets().stream().anyMatch(b -> b.name().contains("admin")));
    }

    @Test
    void theDrillReadsEveryObjectWithEachPairOfNodesDown() throws Exception {
        String bucket = putObjects(15, 70_000);
        s3.putObject(b -> b.bucket(bucket).key("empty"), RequestBody.empty());
        s3.putObject(b -> b.bucket(bucket).key("three-stripes"), RequestBody.fromBytes(TestData.random(3 << 20, 7)));
        AdminRequests.Answer answer = admin.send("POST", "/_admin/drill");
        assertEquals(200, answer.status(), answer.body());
        List<JsonNode> lines = answer.lines();
        JsonNode summary = lines.get(lines.size() - 1).path("summary");
        Set<String> pairs = new HashSet<>();
        int ours = 0;
        for (JsonNode line : lines.subList(0, lines.size() - 1)) {
            assertTrue(line.path("ok").asBoolean(), line.toString());
            assertTrue(line.path("error").isNull(), line.toString());
            assertEquals(2, line.path("down").size(), line.toString());
            pairs.add(line.path("down").toString());
            if (line.path("bucket").asText().equals(bucket)) ours++;
        }
        assertEquals(17, ours, answer.body());
        assertEquals(15, pairs.size(), answer.body());
        assertEquals(lines.size() - 1, summary.path("objects").asLong(), answer.body());
        assertEquals(0, summary.path("failed").asLong(), answer.body());
        assertEquals(15, summary.path("pairs").asInt(), answer.body());
        assertTrue(summary.path("bytes").asLong() >= 15 * 70_000L + (3L << 20), answer.body());
    }

    @Test
    void theDrillUsesTheNamedPairAndSamplesWhenAsked() throws Exception {
        putObjects(6, 5000);
        List<JsonNode> lines = admin.send("POST", "/_admin/drill?nodes=node-2,node-5&sample=4").lines();
        assertEquals(5, lines.size(), lines.toString());
        for (JsonNode line : lines.subList(0, 4)) {
            assertEquals("[\"node-2\",\"node-5\"]", line.path("down").toString());
            assertTrue(line.path("ok").asBoolean(), line.toString());
        }
        assertEquals(1, lines.get(4).path("summary").path("pairs").asInt());
        assertEquals(4, lines.get(4).path("summary").path("ok").asLong());
    }

    @Test
    void theDrillReportsAnObjectWhoseBytesCannotBeReadBackCorrectlyAsFailed() throws Exception {
        String bucket = GranaryServerExtension.newBucket();
        s3.createBucket(b -> b.bucket(bucket));
        Set<Path> before = ShardFiles.all(SERVER.dataDir());
        s3.putObject(b -> b.bucket(bucket).key("victim"), RequestBody.fromBytes(TestData.random((1 << 20) + 5, 3)));
        ObjectShards victim = ObjectShards.of(SERVER.dataDir(), ShardFiles.createdSince(SERVER.dataDir(), before));
        // The parity shards' nodes are down, so the four data shards are all there is to read.
        String pair = "nodes=" + victim.node(4) + "," + victim.node(5);
        try {
            victim.flipPayloadByte(0, true);
            assertVictimFailed(admin.send("POST", "/_admin/drill?" + pair), bucket, "MD5");
            victim.restore();
            victim.flipPayloadByte(0, false);
            assertVictimFailed(admin.send("POST", "/_admin/drill?" + pair), bucket, "ServiceUnavailable");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = Launcher.execute(new PrintWriter(out), new PrintWriter(err), "admin", "--endpoint",
                    SERVER.endpoint().toString(), "--access-key", GranaryServerExtension.ACCESS_KEY, "--secret-key",
                    GranaryServerExtension.SECRET_KEY, "drill", "--nodes", pair.substring("nodes=".length()));
            assertEquals(1, exit, out + "\n" + err);
            assertTrue(out.toString().contains("FAILED " + bucket + "/victim"), out.toString());
            assertTrue(err.toString().contains(" 1 failed"), err.toString());
        } finally {
            victim.restore();
        }
        List<JsonNode> lines = admin.send("POST", "/_admin/drill?" + pair).lines();
        assertEquals(0, lines.get(lines.size() - 1).path("summary").path("failed").asLong(), lines.toString());
    }

    private static void assertVictimFailed(AdminRequests.Answer answer, String bucket, String why) throws Exception {
        assertEquals(200, answer.status(), answer.body());
        List<JsonNode> lines = answer.lines();
        JsonNode victim = lines.stream().filter(l -> l.path("bucket").asText().equals(bucket)).findFirst()
                .orElseThrow(() -> new AssertionError(answer.body()));
        assertFalse(victim.path("ok").asBoolean(), victim.toString());
        assertTrue(victim.path("error").asText().contains(why), victim.toString());
        JsonNode summary = lines.get(lines.size() - 1).path("summary");
        assertEquals(1, summary.path("failed").asLong(), answer.body());
        assertEquals(summary.path("objects").asLong() - 1, summary.path("ok").asLong(), answer.body());
    }

    static void assertError(AdminRequests.Answer answer, int status, String code) throws Exception {
        assertEquals(status, answer.status(), answer.body());
        JsonNode error = answer.json();
        assertEquals(code, error.path("code").asText(), answer.body());
        assertFalse(error.path("message").asText().isEmpty(), answer.body());
        assertFalse(error.path("requestId").asText().isEmpty(), answer.body());
        assertFalse(answer.body().contains("at io.granary"), "no stack trace: " + answer.body());
    }
}

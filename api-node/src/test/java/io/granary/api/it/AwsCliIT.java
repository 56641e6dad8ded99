package io.granary.api.it;

import static io.granary.api.it.TestData.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aws CLI (v1, as installed by {@code .ci/run}) against the embedded server, with its defaults:
 * {@code aws s3} high-level commands (multipart above 8 MiB, 8 MiB parts, 10 threads) and
 * {@code aws s3api} calls. Credentials come from the environment only; config and credential files
 * point at paths that do not exist, so nothing on the machine changes what the CLI does.
 */
@Timeout(600)
class AwsCliIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A key with every character the CLI and S3 are known to disagree about. */
    private static final String AWKWARD_KEY = "dir one/&+-é\" 100% sure %20.bin";

    @TempDir
    static Path home;

    @BeforeAll
    static void requireTheCli() throws Exception {
        try {
            ChildProcess.run(List.of("aws", "--version"), env(), COMMAND_TIMEOUT, home).requireSuccess();
        } catch (IOException e) {
            fail("The aws CLI is not on PATH (" + e.getMessage() + "). .ci/run installs it (pip install awscli).");
        }
    }

    @Test
    void highLevelCommandsCopyAMultipartFileWithAnAwkwardKey(@TempDir Path dir) throws Exception {
        String bucket = GranaryServerExtension.newBucket();
        Path file = TestData.randomFile(dir.resolve("twenty.bin"), 20L * MIB + 99, 51);
        aws("s3", "mb", "s3://" + bucket);
        aws("s3", "cp", file.toString(), "s3://" + bucket + "/" + AWKWARD_KEY);
        String listing = aws("s3", "ls", "--recursive", "s3://" + bucket).output();
        assertTrue(listing.contains(AWKWARD_KEY), listing);
        assertTrue(listing.contains(String.valueOf(20L * MIB + 99)), listing);
        JsonNode head = json("s3api", "head-object", "--bucket", bucket, "--key", AWKWARD_KEY);
        assertTrue(head.get("ETag").asText().endsWith("-3\""), "20 MiB in 8 MiB parts: " + head);
        assertEquals(20L * MIB + 99, head.get("ContentLength").asLong());
        Path back = dir.resolve("back.bin");
        aws("s3", "cp", "s3://" + bucket + "/" + AWKWARD_KEY, back.toString());
        assertEquals(TestData.sha256(file), TestData.sha256(back));
        aws("s3", "rm", "s3://" + bucket + "/" + AWKWARD_KEY);
        assertFalse(aws("s3", "ls", "--recursive", "s3://" + bucket).output().contains(AWKWARD_KEY));
        aws("s3", "rb", "s3://" + bucket);
        assertFalse(aws("s3", "ls").output().contains(bucket));
    }

    @Test
    void syncMirrorsADirectoryTreeBothWays(@TempDir Path dir) throws Exception {
        String bucket = GranaryServerExtension.newBucket();
        Path up = Files.createDirectories(dir.resolve("up"));
        List<String> files = List.of("a.txt", "nested/b c.txt", "nested/deeper/é&+.bin", "z%.txt");
        for (int i = 0; i < files.size(); i++) {
            Path file = up.resolve(files.get(i));
            Files.createDirectories(file.getParent());
            Files.write(file, TestData.random(1000 * (i + 1), i));
        }
        aws("s3", "mb", "s3://" + bucket);
        aws("s3", "sync", up.toString(), "s3://" + bucket + "/tree");
        assertEquals(files.stream().map(f -> "tree/" + f).sorted().toList(), keys(bucket));
        Path down = dir.resolve("down");
        aws("s3", "sync", "s3://" + bucket + "/tree", down.toString());
        for (String file : files) {
            assertEquals(TestData.sha256(up.resolve(file)), TestData.sha256(down.resolve(file)), file);
        }
        Files.delete(up.resolve("a.txt"));
        Files.writeString(up.resolve("z%.txt"), "changed and longer than before");
        aws("s3", "sync", "--delete", up.toString(), "s3://" + bucket + "/tree");
        assertEquals(List.of("tree/nested/b c.txt", "tree/nested/deeper/é&+.bin", "tree/z%.txt"), keys(bucket));
        aws("s3", "sync", "--delete", "s3://" + bucket + "/tree", down.toString());
        assertFalse(Files.exists(down.resolve("a.txt")));
        assertEquals("changed and longer than before", Files.readString(down.resolve("z%.txt")));
        aws("s3", "rb", "--force", "s3://" + bucket);
    }

    @Test
    void s3apiCommandsPutGetHeadListAndDeleteObjects(@TempDir Path dir) throws Exception {
        String bucket = GranaryServerExtension.newBucket();
        json("s3api", "create-bucket", "--bucket", bucket);
        Path body = Files.writeString(dir.resolve("body.txt"), "s3api body ü");
        JsonNode put = json("s3api", "put-object", "--bucket", bucket, "--key", "api/one & two.txt", "--body",
                body.toString(), "--content-type", "text/plain; charset=utf-8", "--metadata", "colour=green");
        String etag = "\"" + TestData.md5Hex(Files.readAllBytes(body)) + "\"";
        assertEquals(etag, put.get("ETag").asText());
        JsonNode head = json("s3api", "head-object", "--bucket", bucket, "--key", "api/one & two.txt");
        assertEquals("green", head.get("Metadata").get("colour").asText());
        assertEquals("text/plain; charset=utf-8", head.get("ContentType").asText());
        Path out = dir.resolve("out.txt");
        JsonNode get = json("s3api", "get-object", "--bucket", bucket, "--key", "api/one & two.txt",
                "--range", "bytes=0-4", out.toString());
        assertEquals("bytes 0-4/" + Files.size(body), get.get("ContentRange").asText());
        assertEquals("s3api", Files.readString(out));
        json("s3api", "put-object", "--bucket", bucket, "--key", "api/second", "--body", body.toString());
        JsonNode list = json("s3api", "list-objects-v2", "--bucket", bucket, "--prefix", "api/");
        assertEquals(2, list.get("Contents").size(), list::toString);
        assertEquals("api/one & two.txt", list.get("Contents").get(0).get("Key").asText());
        JsonNode deleted = json("s3api", "delete-objects", "--bucket", bucket, "--delete",
                "{\"Objects\":[{\"Key\":\"api/one & two.txt\"},{\"Key\":\"api/second\"}]}");
        assertEquals(2, deleted.get("Deleted").size());
        assertEquals(List.of(), keys(bucket));
    }

    /** Issue 8: a 1 GiB file up and down with the CLI's defaults (8 MiB parts, 10 threads). */
    @Test
    void oneGibFileGoesUpAndDownInOneHundredTwentyEightParts(@TempDir Path dir) throws Exception {
        String bucket = GranaryServerExtension.newBucket();
        Path file = TestData.randomFile(dir.resolve("one-gib.bin"), 1024L * MIB, 53);
        aws("s3", "mb", "s3://" + bucket);
        aws("s3", "cp", file.toString(), "s3://" + bucket + "/big/one-gib.bin");
        JsonNode head = json("s3api", "head-object", "--bucket", bucket, "--key", "big/one-gib.bin");
        assertTrue(head.get("ETag").asText().matches("\"[0-9a-f]{32}-128\""), head.toString());
        assertEquals(1024L * MIB, head.get("ContentLength").asLong());
        Path back = dir.resolve("back.bin");
        aws("s3", "cp", "s3://" + bucket + "/big/one-gib.bin", back.toString());
        assertEquals(TestData.sha256(file), TestData.sha256(back));
    }

    @Test
    void sseS3KmsAndCustomerKeysRoundTripThroughTheCli(@TempDir Path dir) throws Exception {
        String bucket = GranaryServerExtension.newBucket();
        Path file = Files.writeString(dir.resolve("secret.txt"), "kept encrypted at rest");
        aws("s3api", "create-bucket", "--bucket", bucket);
        JsonNode put = json("s3api", "put-object", "--bucket", bucket, "--key", "secret.txt", "--body",
                file.toString(), "--server-side-encryption", "AES256");
        assertEquals("AES256", put.path("ServerSideEncryption").asText(), put.toString());
        JsonNode head = json("s3api", "head-object", "--bucket", bucket, "--key", "secret.txt");
        assertEquals("AES256", head.path("ServerSideEncryption").asText(), head.toString());
        // Above the CLI's 8 MiB threshold: a multipart upload whose parts are each sealed.
        Path big = dir.resolve("big.bin");
        TestData.randomFile(big, 20L * MIB + 12_345, 18);
        aws("s3", "cp", big.toString(), "s3://" + bucket + "/big.bin", "--sse", "AES256");
        assertEquals("AES256", json("s3api", "head-object", "--bucket", bucket, "--key", "big.bin")
                .path("ServerSideEncryption").asText());
        Path back = dir.resolve("back.bin");
        aws("s3", "cp", "s3://" + bucket + "/big.bin", back.toString());
        assertEquals(TestData.sha256(big), TestData.sha256(back));

        String arn = AdminCli.json(SERVER.endpoint(), "kms", "key", "create", "cli-" + bucket, "--json").path("arn")
                .asText();
        aws("s3", "cp", file.toString(), "s3://" + bucket + "/kms.txt", "--sse", "aws:kms", "--sse-kms-key-id", arn);
        JsonNode kms = json("s3api", "head-object", "--bucket", bucket, "--key", "kms.txt");
        assertEquals("aws:kms", kms.path("ServerSideEncryption").asText(), kms.toString());
        assertEquals(arn, kms.path("SSEKMSKeyId").asText(), kms.toString());
        Path kmsBack = dir.resolve("kms.txt");
        aws("s3", "cp", "s3://" + bucket + "/kms.txt", kmsBack.toString());
        assertEquals("kept encrypted at rest", Files.readString(kmsBack));
        // SSE-C, multipart: every part carries the key, and the download must bring it again.
        String key = "0123456789abcdef0123456789abcdef";
        aws("s3", "cp", big.toString(), "s3://" + bucket + "/c.bin", "--sse-c", "AES256", "--sse-c-key", key);
        Path customerBack = dir.resolve("c.bin");
        ChildProcess.Result keyless = awsMayFail("s3", "cp", "s3://" + bucket + "/c.bin", customerBack.toString());
        assertTrue(keyless.exitCode() != 0 && keyless.output().contains("400"), keyless.output());
        aws("s3", "cp", "s3://" + bucket + "/c.bin", customerBack.toString(), "--sse-c", "AES256", "--sse-c-key",
                key);
        assertEquals(TestData.sha256(big), TestData.sha256(customerBack));
        assertEquals(List.of("big.bin", "c.bin", "kms.txt", "secret.txt"), keys(bucket));
        ChildProcess.Result locked = awsMayFail("s3api", "put-object", "--bucket", bucket, "--key", "locked.txt",
                "--body", file.toString(), "--object-lock-legal-hold-status", "ON");
        assertTrue(locked.output().contains("InvalidRequest"), locked.output());
        assertEquals(List.of("big.bin", "c.bin", "kms.txt", "secret.txt"), keys(bucket));
    }

    private List<String> keys(String bucket) throws Exception {
        JsonNode list = json("s3api", "list-objects-v2", "--bucket", bucket);
        List<String> keys = new ArrayList<>();
        if (list.has("Contents")) list.get("Contents").forEach(o -> keys.add(o.get("Key").asText()));
        return keys.stream().sorted().toList();
    }

    private JsonNode json(String... args) throws Exception {
        String output = aws(args).output().trim();
        return output.isEmpty() ? JSON.createObjectNode() : JSON.readTree(output.getBytes(StandardCharsets.UTF_8));
    }

    private ChildProcess.Result aws(String... args) throws Exception {
        return awsMayFail(args).requireSuccess();
    }

    /** Runs the CLI; the caller checks the exit code. */
    private ChildProcess.Result awsMayFail(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", SERVER.endpoint().toString(),
                "--output", "json"));
        command.addAll(List.of(args));
        return ChildProcess.run(command, env(), COMMAND_TIMEOUT, home);
    }

    private static Map<String, String> env() {
        return Map.of("AWS_ACCESS_KEY_ID", GranaryServerExtension.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", GranaryServerExtension.SECRET_KEY,
                "AWS_DEFAULT_REGION", GranaryServerExtension.REGION,
                "AWS_CONFIG_FILE", home.resolve("no-such-config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-such-credentials").toString(),
                "AWS_EC2_METADATA_DISABLED", "true",
                "AWS_PAGER", "",
                "PYTHONIOENCODING", "utf-8");
    }
}

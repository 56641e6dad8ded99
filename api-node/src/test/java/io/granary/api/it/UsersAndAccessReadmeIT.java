package io.granary.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.granary.api.Launcher;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Users and access" walk-through, step by step as an administrator runs it: an
 * account, its bucket, an application user with a bucket-scoped managed policy and a key (admin CLI
 * signed by the new account's root), then the aws CLI with the application's keys: its bucket works,
 * the system account's bucket refuses it.
 */
@Timeout(180)
class UsersAndAccessReadmeIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private JsonNode admin(String accessKey, String secretKey, String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of("admin", "--endpoint", SERVER.endpoint().toString(),
                "--access-key", accessKey, "--secret-key", secretKey));
        args.addAll(List.of(command));
        args.add("--json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Launcher.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                args.toArray(String[]::new));
        assertEquals(0, exit, () -> List.of(command) + ": " + err);
        return JSON.readTree(out.toString());
    }

    private ChildProcess.Result aws(String accessKey, String secretKey, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", SERVER.endpoint().toString(),
                "--output", "json"));
        command.addAll(List.of(args));
        Map<String, String> env = new HashMap<>(Map.of("AWS_ACCESS_KEY_ID", accessKey,
                "AWS_SECRET_ACCESS_KEY", secretKey, "AWS_DEFAULT_REGION", GranaryServerExtension.REGION,
                "AWS_CONFIG_FILE", dir.resolve("no-such-config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-such-credentials").toString(),
                "AWS_EC2_METADATA_DISABLED", "true", "AWS_PAGER", ""));
        return ChildProcess.run(command, env, Duration.ofMinutes(2), dir);
    }

    @Test
    void applicationWorksWithItsOwnKeysInItsBucketOnly() throws Exception {
        String systemBucket = GranaryServerExtension.newBucket();
        aws(GranaryServerExtension.ACCESS_KEY, GranaryServerExtension.SECRET_KEY, "s3", "mb", "s3://" + systemBucket)
                .requireSuccess();

        JsonNode account = admin(GranaryServerExtension.ACCESS_KEY, GranaryServerExtension.SECRET_KEY,
                "account", "create", "team-a");
        String rootKey = account.path("accessKeyId").asText();
        String rootSecret = account.path("secretAccessKey").asText();
        String bucket = "team-a-photos";
        aws(rootKey, rootSecret, "s3", "mb", "s3://" + bucket).requireSuccess();
        admin(rootKey, rootSecret, "user", "create", "photo-app");
        Path policy = Files.writeString(dir.resolve("photos-rw.json"), "{\"Version\": \"2012-10-17\", "
                + "\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": [\"arn:aws:s3:::"
                + bucket + "\", \"arn:aws:s3:::" + bucket + "/*\"]}]}");
        admin(rootKey, rootSecret, "policy", "create", "photos-rw", policy.toString());
        admin(rootKey, rootSecret, "policy", "attach", "photos-rw", "photo-app");
        JsonNode key = admin(rootKey, rootSecret, "key", "create", "photo-app");
        String appKey = key.path("accessKeyId").asText();
        String appSecret = key.path("secretAccessKey").asText();

        String me = aws(appKey, appSecret, "sts", "get-caller-identity").requireSuccess().output();
        assertTrue(me.contains("arn:aws:iam::" + account.path("accountId").asText() + ":user/photo-app"), me);
        Path photo = Files.writeString(dir.resolve("holiday.jpg"), "pixels");
        aws(appKey, appSecret, "s3", "cp", photo.toString(), "s3://" + bucket + "/").requireSuccess();
        assertTrue(aws(appKey, appSecret, "s3", "ls", "s3://" + bucket + "/").requireSuccess().output()
                .contains("holiday.jpg"));
        ChildProcess.Result refused = aws(appKey, appSecret, "s3", "ls", "s3://" + systemBucket + "/");
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.output().contains("AccessDenied"), refused.output());
        // Nor does the system account see team-a's bucket in its listing.
        String systemListing = aws(GranaryServerExtension.ACCESS_KEY, GranaryServerExtension.SECRET_KEY, "s3", "ls")
                .requireSuccess().output();
        assertTrue(systemListing.contains(systemBucket) && !systemListing.contains(bucket), systemListing);
    }
}

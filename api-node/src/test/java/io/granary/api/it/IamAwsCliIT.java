package io.granary.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aws CLI's {@code aws iam} and {@code aws sts} against the embedded server, as the README tells
 * an administrator to use them: a user for an application with a bucket-scoped policy, its keys, then
 * {@code aws s3} with those keys (its bucket works, another is refused), and an assumed role's
 * temporary credentials on S3. Credentials come from the environment only.
 */
@Timeout(300)
class IamAwsCliIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;

    @BeforeAll
    static void requireTheCli() throws Exception {
        try {
            ChildProcess.run(List.of("aws", "--version"), env(Map.of()), COMMAND_TIMEOUT, home).requireSuccess();
        } catch (IOException e) {
            fail("The aws CLI is not on PATH (" + e.getMessage() + "). .ci/run installs it (pip install awscli).");
        }
    }

    @Test
    void applicationUserWithBucketScopedPolicyUsesItsOwnKeys(@TempDir Path dir) throws Exception {
        String bucket = GranaryServerExtension.newBucket();
        String other = GranaryServerExtension.newBucket();
        String user = IamSdkIT.name("app");
        Map<String, String> root = Map.of();
        aws(root, "s3", "mb", "s3://" + bucket);
        aws(root, "s3", "mb", "s3://" + other);
        JsonNode created = json(root, "iam", "create-user", "--user-name", user).path("User");
        assertEquals(user, created.path("UserName").asText());
        Path policy = Files.writeString(dir.resolve("policy.json"), "{\"Version\":\"2012-10-17\",\"Statement\":[{"
                + "\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::" + bucket + "\","
                + "\"arn:aws:s3:::" + bucket + "/*\"]}]}");
        aws(root, "iam", "put-user-policy", "--user-name", user, "--policy-name", "app-bucket", "--policy-document",
                "file://" + policy);
        // The CLI decodes IAM's URL-encoded documents back into JSON.
        JsonNode stored = json(root, "iam", "get-user-policy", "--user-name", user, "--policy-name", "app-bucket");
        assertEquals("arn:aws:s3:::" + bucket, stored.path("PolicyDocument").path("Statement").get(0)
                .path("Resource").get(0).asText());
        JsonNode key = json(root, "iam", "create-access-key", "--user-name", user).path("AccessKey");
        Map<String, String> app = Map.of("AWS_ACCESS_KEY_ID", key.path("AccessKeyId").asText(),
                "AWS_SECRET_ACCESS_KEY", key.path("SecretAccessKey").asText());
        assertTrue(json(root, "iam", "list-users").path("Users").findValuesAsText("UserName").contains(user));

        JsonNode me = json(app, "sts", "get-caller-identity");
        assertEquals(created.path("Arn").asText(), me.path("Arn").asText());
        Path file = Files.writeString(dir.resolve("hello.txt"), "hello from the app");
        aws(app, "s3", "cp", file.toString(), "s3://" + bucket + "/hello.txt");
        assertTrue(aws(app, "s3", "ls", "s3://" + bucket).output().contains("hello.txt"));
        ChildProcess.Result refused = awsMayFail(app, "s3", "ls", "s3://" + other);
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.output().contains("AccessDenied"), refused.output());
        ChildProcess.Result missing = awsMayFail(root, "iam", "get-user", "--user-name", user + "-nobody");
        assertNotEquals(0, missing.exitCode());
        assertTrue(missing.output().contains("NoSuchEntity"), missing.output());
    }

    @Test
    void assumedRoleCredentialsWorkOnS3(@TempDir Path dir) throws Exception {
        String bucket = GranaryServerExtension.newBucket();
        String user = IamSdkIT.name("ci");
        String role = IamSdkIT.name("uploader");
        Map<String, String> root = Map.of();
        aws(root, "s3", "mb", "s3://" + bucket);
        String userArn = json(root, "iam", "create-user", "--user-name", user).path("User").path("Arn").asText();
        JsonNode key = json(root, "iam", "create-access-key", "--user-name", user).path("AccessKey");
        Path trust = Files.writeString(dir.resolve("trust.json"), "{\"Version\":\"2012-10-17\",\"Statement\":[{"
                + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + userArn + "\"},\"Action\":\"sts:AssumeRole\"}]}");
        String roleArn = json(root, "iam", "create-role", "--role-name", role, "--assume-role-policy-document",
                "file://" + trust).path("Role").path("Arn").asText();
        Path permissions = Files.writeString(dir.resolve("perm.json"), "{\"Version\":\"2012-10-17\",\"Statement\":[{"
                + "\"Effect\":\"Allow\",\"Action\":[\"s3:PutObject\",\"s3:GetObject\"],\"Resource\":\"arn:aws:s3:::"
                + bucket + "/*\"}]}");
        aws(root, "iam", "put-role-policy", "--role-name", role, "--policy-name", "upload", "--policy-document",
                "file://" + permissions);
        JsonNode credentials = json(Map.of("AWS_ACCESS_KEY_ID", key.path("AccessKeyId").asText(),
                "AWS_SECRET_ACCESS_KEY", key.path("SecretAccessKey").asText()), "sts", "assume-role", "--role-arn",
                roleArn, "--role-session-name", "ci-run").path("Credentials");
        Map<String, String> session = Map.of("AWS_ACCESS_KEY_ID", credentials.path("AccessKeyId").asText(),
                "AWS_SECRET_ACCESS_KEY", credentials.path("SecretAccessKey").asText(),
                "AWS_SESSION_TOKEN", credentials.path("SessionToken").asText());
        assertTrue(json(session, "sts", "get-caller-identity").path("Arn").asText().endsWith(":assumed-role/" + role
                + "/ci-run"));
        Path file = Files.writeString(dir.resolve("artifact.txt"), "built");
        aws(session, "s3", "cp", file.toString(), "s3://" + bucket + "/artifact.txt");
        Path back = dir.resolve("back.txt");
        aws(session, "s3", "cp", "s3://" + bucket + "/artifact.txt", back.toString());
        assertEquals("built", Files.readString(back));
        ChildProcess.Result refused = awsMayFail(session, "s3", "rm", "s3://" + bucket + "/artifact.txt");
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.output().contains("AccessDenied"), refused.output());
    }

    private JsonNode json(Map<String, String> credentials, String... args) throws Exception {
        String output = aws(credentials, args).output().trim();
        return output.isEmpty() ? JSON.createObjectNode() : JSON.readTree(output.getBytes(StandardCharsets.UTF_8));
    }

    private ChildProcess.Result aws(Map<String, String> credentials, String... args) throws Exception {
        return awsMayFail(credentials, args).requireSuccess();
    }

    private ChildProcess.Result awsMayFail(Map<String, String> credentials, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", SERVER.endpoint().toString(),
                "--output", "json"));
        command.addAll(List.of(args));
        return ChildProcess.run(command, env(credentials), COMMAND_TIMEOUT, home);
    }

    /** The root's credentials unless {@code credentials} names others. */
    private static Map<String, String> env(Map<String, String> credentials) {
        Map<String, String> env = new HashMap<>(Map.of("AWS_ACCESS_KEY_ID", GranaryServerExtension.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", GranaryServerExtension.SECRET_KEY,
                "AWS_DEFAULT_REGION", GranaryServerExtension.REGION,
                "AWS_CONFIG_FILE", home.resolve("no-such-config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-such-credentials").toString(),
                "AWS_EC2_METADATA_DISABLED", "true",
                "AWS_PAGER", "",
                "PYTHONIOENCODING", "utf-8"));
        env.putAll(credentials);
        return env;
    }
}

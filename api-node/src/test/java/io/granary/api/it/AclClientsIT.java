package io.granary.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * ACLs as a new user meets them, with the real clients: {@code aws s3 cp --acl public-read} then an anonymous
 * HTTP GET returns the object (and {@code aws s3api get-object-acl} shows the AllUsers grant); boto3 runs
 * {@code src/test/python/boto3_acl.py} (canned ACLs, AccessControlPolicy documents, public access block,
 * ownership controls, with a signed and an unsigned client).
 */
@Timeout(240)
class AclClientsIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

    @Test
    void awsS3CpWithPublicReadIsReadableByAnAnonymousGet(@TempDir Path dir) throws Exception {
        Map<String, String> env = Boto3IT.env(SERVER, dir);
        try {
            cli(env, dir, "--version");
        } catch (IOException e) {
            fail("The aws CLI is not on PATH (" + e.getMessage() + "). .ci/run installs it (pip install awscli).");
        }
        String bucket = GranaryServerExtension.newBucket();
        Path file = Files.writeString(dir.resolve("hello.txt"), "hello, anyone");
        cli(env, dir, "s3", "mb", "s3://" + bucket);
        cli(env, dir, "s3", "cp", file.toString(), "s3://" + bucket + "/hello.txt", "--acl", "public-read");
        cli(env, dir, "s3", "cp", file.toString(), "s3://" + bucket + "/private.txt");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(SERVER.endpoint() + "/" + bucket
                + "/hello.txt")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, read.statusCode(), read.body());
        assertEquals("hello, anyone", read.body());
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(SERVER.endpoint() + "/" + bucket
                + "/private.txt")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("<Code>AccessDenied</Code>"), refused.body());
        String acl = cli(env, dir, "s3api", "get-object-acl", "--bucket", bucket, "--key", "hello.txt").output();
        assertTrue(acl.contains("\"URI\": \"http://acs.amazonaws.com/groups/global/AllUsers\""), acl);
    }

    @Test
    void boto3PassesTheAclScript(@TempDir Path dir) throws Exception {
        ChildProcess.Result result = Boto3IT.runScript(SERVER, dir, "boto3_acl.py", COMMAND_TIMEOUT);
        assertTrue(result.output().contains("boto3 acl: OK"), result.output());
    }

    private static ChildProcess.Result cli(Map<String, String> env, Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", SERVER.endpoint().toString(),
                "--output", "json"));
        command.addAll(List.of(args));
        return ChildProcess.run(command, env, COMMAND_TIMEOUT, dir).requireSuccess();
    }
}

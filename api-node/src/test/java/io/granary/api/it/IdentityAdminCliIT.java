package io.granary.api.it;

import static io.granary.api.it.IamClients.assertAwsError;
import static io.granary.api.it.IamSdkIT.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.granary.api.Launcher;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * {@code granary admin user|key|policy|account} against the embedded server, in-process through the
 * launcher: what each prints as JSON (IAM's field names) and as text, what its change does to real
 * S3 and STS requests, and the one-line failures with exit 1.
 */
@Timeout(120)
class IdentityAdminCliIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    @TempDir
    Path dir;

    private static List<String> names(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.path(field).asText()).toList();
    }

    @Test
    void userCreateListDelete() {
        String user = name("cli-user");
        JsonNode created = AdminCli.json(SERVER.endpoint(), "user", "create", user, "--json");
        assertEquals(user, created.path("userName").asText());
        assertTrue(created.path("arn").asText().endsWith(":user/" + user), created::toString);
        assertTrue(names(AdminCli.json(SERVER.endpoint(), "user", "list", "--json"), "userName").contains(user));
        AdminCli.Result table = AdminCli.run(SERVER.endpoint(), "user", "list");
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().startsWith("USERNAME") && table.out().contains(user), table.out());
        AdminCli.Result deleted = AdminCli.run(SERVER.endpoint(), "user", "delete", user);
        assertEquals("deleted user " + user, deleted.out().trim());
        AdminCli.Result again = AdminCli.run(SERVER.endpoint(), "user", "delete", user);
        assertEquals(1, again.exit());
        assertTrue(again.err().startsWith("granary admin: NoSuchEntity: ") && again.err().contains("HTTP 404"),
                again.err());
    }

    @Test
    void keyCreateListDisableEnableDelete() {
        String user = name("cli-key");
        AdminCli.json(SERVER.endpoint(), "user", "create", user, "--json");
        JsonNode key = AdminCli.json(SERVER.endpoint(), "key", "create", user, "--json");
        String id = key.path("accessKeyId").asText();
        AwsBasicCredentials credentials = AwsBasicCredentials.create(id, key.path("secretAccessKey").asText());
        assertEquals("Active", key.path("status").asText());
        try (StsClient sts = IamClients.sts(SERVER.endpoint(), credentials)) {
            assertTrue(sts.getCallerIdentity().arn().endsWith(":user/" + user));
            JsonNode listed = AdminCli.json(SERVER.endpoint(), "key", "list", user, "--json");
            assertEquals(List.of(id), names(listed, "accessKeyId"));
            assertTrue(names(AdminCli.json(SERVER.endpoint(), "key", "list", "--json"), "accessKeyId").contains(id));

            assertEquals("Inactive", AdminCli.json(SERVER.endpoint(), "key", "disable", id, "--json")
                    .path("status").asText());
            assertAwsError(403, "InvalidClientTokenId", sts::getCallerIdentity);
            AdminCli.json(SERVER.endpoint(), "key", "enable", id, "--json");
            assertTrue(sts.getCallerIdentity().arn().endsWith(":user/" + user));
            assertEquals("deleted access key " + id, AdminCli.run(SERVER.endpoint(), "key", "delete", id).out()
                    .trim());
            assertAwsError(403, "InvalidClientTokenId", sts::getCallerIdentity);
        }
        AdminCli.Result plain = AdminCli.run(SERVER.endpoint(), "key", "create", user);
        assertTrue(plain.out().contains("secretAccessKey: ") && plain.out().contains("shown only now"),
                plain.out());
    }

    @Test
    void policyCreateAttachListDetach() throws Exception {
        String bucket = GranaryServerExtension.newBucket();
        try (S3Client root = IamClients.s3(SERVER.endpoint(), IamClients.root())) {
            root.createBucket(r -> r.bucket(bucket));
            root.putObject(r -> r.bucket(bucket).key("k"), RequestBody.fromString("v"));
        }
        String user = name("cli-pol");
        String policy = name("read-" + bucket);
        AdminCli.json(SERVER.endpoint(), "user", "create", user, "--json");
        JsonNode key = AdminCli.json(SERVER.endpoint(), "key", "create", user, "--json");
        Path file = Files.writeString(dir.resolve("policy.json"), "{\"Version\":\"2012-10-17\",\"Statement\":[{"
                + "\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}");
        JsonNode created = AdminCli.json(SERVER.endpoint(), "policy", "create", policy, file.toString(), "--json");
        assertEquals(policy, created.path("policyName").asText());
        String arn = created.path("arn").asText();
        try (S3Client s3 = IamClients.s3(SERVER.endpoint(), AwsBasicCredentials.create(
                key.path("accessKeyId").asText(), key.path("secretAccessKey").asText()))) {
            assertAwsError(403, "AccessDenied", () -> s3.getObjectAsBytes(r -> r.bucket(bucket).key("k")));
            assertEquals(arn, AdminCli.json(SERVER.endpoint(), "policy", "attach", policy, user, "--json")
                    .path("policyArn").asText());
            assertEquals("v", s3.getObjectAsBytes(r -> r.bucket(bucket).key("k")).asUtf8String());
            JsonNode listed = AdminCli.json(SERVER.endpoint(), "policy", "list", "--json");
            JsonNode mine = StreamSupport.stream(listed.spliterator(), false)
                    .filter(p -> p.path("policyName").asText().equals(policy)).findFirst().orElseThrow();
            assertEquals("1", mine.path("attachmentCount").asText());
            AdminCli.Result detached = AdminCli.run(SERVER.endpoint(), "policy", "detach", policy, user);
            assertEquals("detached policy " + policy + " from user " + user, detached.out().trim());
            assertAwsError(403, "AccessDenied", () -> s3.getObjectAsBytes(r -> r.bucket(bucket).key("k")));
        }
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"Statement\": 5}");
        AdminCli.Result malformed = AdminCli.run(SERVER.endpoint(), "policy", "create", name("bad"), bad.toString());
        assertEquals(1, malformed.exit());
        assertTrue(malformed.err().contains("MalformedPolicyDocument"), malformed.err());
        AdminCli.Result unknown = AdminCli.run(SERVER.endpoint(), "policy", "attach", name("nope"), user);
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().contains("NoSuchEntity"), unknown.err());
    }

    @Test
    void accountCreateListDeleteAndItsOwnRoot() {
        String account = name("team");
        JsonNode created = AdminCli.json(SERVER.endpoint(), "account", "create", account, "--json");
        Set<String> fields = new HashSet<>();
        created.fieldNames().forEachRemaining(fields::add);
        assertEquals(Set.of("accountId", "canonicalId", "accessKeyId", "secretAccessKey"), fields);
        String accountId = created.path("accountId").asText();
        assertTrue(accountId.matches("\\d{12}"), accountId);
        assertTrue(created.path("canonicalId").asText().matches("[0-9a-f]{64}"), created::toString);
        AwsBasicCredentials root = AwsBasicCredentials.create(created.path("accessKeyId").asText(),
                created.path("secretAccessKey").asText());
        try (StsClient sts = IamClients.sts(SERVER.endpoint(), root);
                IamClient iam = IamClients.iam(SERVER.endpoint(), root)) {
            assertEquals("arn:aws:iam::" + accountId + ":root", sts.getCallerIdentity().arn());
            assertTrue(names(AdminCli.json(SERVER.endpoint(), "account", "list", "--json"), "accountId")
                    .contains(accountId));
            AdminCli.Result notSystem = runAs(root, "account", "list");
            assertEquals(1, notSystem.exit());
            assertTrue(notSystem.err().contains("AccessDenied"), notSystem.err());

            iam.createUser(r -> r.userName("inside"));
            AdminCli.Result conflict = AdminCli.run(SERVER.endpoint(), "account", "delete", account);
            assertEquals(1, conflict.exit());
            assertTrue(conflict.err().contains("DeleteConflict"), conflict.err());
            iam.deleteUser(r -> r.userName("inside"));
        }
        assertEquals("deleted account " + account, AdminCli.run(SERVER.endpoint(), "account", "delete", account)
                .out().trim());
        assertFalse(names(AdminCli.json(SERVER.endpoint(), "account", "list", "--json"), "accountId")
                .contains(accountId));
    }

    @Test
    void systemRootRotatesAnotherAccountsRootKey() {
        String account = name("rotating");
        JsonNode created = AdminCli.json(SERVER.endpoint(), "account", "create", account, "--json");
        AwsBasicCredentials old = AwsBasicCredentials.create(created.path("accessKeyId").asText(),
                created.path("secretAccessKey").asText());
        JsonNode rotated = AdminCli.json(SERVER.endpoint(), "key", "rotate-root", "--account", account, "--grace",
                "0", "--json");
        assertEquals(created.path("accountId").asText(), rotated.path("accountId").asText());
        try (StsClient before = IamClients.sts(SERVER.endpoint(), old);
                StsClient after = IamClients.sts(SERVER.endpoint(), AwsBasicCredentials.create(
                        rotated.path("accessKeyId").asText(), rotated.path("secretAccessKey").asText()))) {
            assertEquals("arn:aws:iam::" + created.path("accountId").asText() + ":root",
                    after.getCallerIdentity().arn());
            assertAwsError(403, "InvalidClientTokenId", before::getCallerIdentity);
        }
        AdminCli.Result unknown = AdminCli.run(SERVER.endpoint(), "key", "rotate-root", "--account", name("none"));
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().contains("NoSuchEntity"), unknown.err());
    }

    private static AdminCli.Result runAs(AwsBasicCredentials credentials, String... command) {
        List<String> args = new ArrayList<>(List.of("admin", "--endpoint", SERVER.endpoint().toString(),
                "--access-key", credentials.accessKeyId(), "--secret-key", credentials.secretAccessKey()));
        args.addAll(List.of(command));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Launcher.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                args.toArray(String[]::new));
        return new AdminCli.Result(exit, out.toString(), err.toString());
    }
}

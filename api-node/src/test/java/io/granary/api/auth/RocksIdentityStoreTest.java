package io.granary.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.iam.CreatedAccessKey;
import io.granary.iam.CreatedAccount;
import io.granary.iam.EntityType;
import io.granary.iam.IamService;
import io.granary.iam.Identity;
import io.granary.iam.ManagedPolicy;
import io.granary.iam.RootCredentials;
import io.granary.iam.SecretCipher;
import io.granary.iam.policy.RequestPrincipal;
import io.granary.metadata.Keys;
import io.granary.metadata.MetadataOptions;
import io.granary.metadata.MetadataStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IAM over the real RocksDB metadata store: what survives a restart, and data directories of the first wave. */
class RocksIdentityStoreTest {
    private static final String POLICY = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\","
            + " \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::photos/*\"}]}";
    private static final Map<String, String> ENV = Map.of(RootCredentials.ACCESS_KEY_ENV, "ENVROOTKEY",
            RootCredentials.SECRET_KEY_ENV, "envrootsecret", SecretCipher.MASTER_KEY_ENV,
            Base64.getEncoder().encodeToString(new byte[32]));

    @TempDir
    Path dataDir;

    /** Opens RocksDB and IAM over it, runs {@code body}, closes RocksDB. */
    private <T> T withIam(Function<IamService, T> body) {
        try (MetadataStore store = MetadataStore.open(dataDir.resolve("meta"), MetadataOptions.defaults())) {
            return body.apply(IamService.open(dataDir, ENV, new RocksIdentityStore(store.iam())));
        }
    }

    @Test
    void accountsUsersKeysGroupsRolesAndPoliciesSurviveARestart() {
        record Before(String system, CreatedAccount tenant, CreatedAccessKey key, ManagedPolicy policy) {
        }
        Before before = withIam(iam -> {
            String system = iam.systemAccount().accountId();
            CreatedAccount tenant = iam.createAccount("tenant-a");
            String account = tenant.account().accountId();
            iam.createUser(account, "alice", "/dev/", Map.of("team", "storage"));
            CreatedAccessKey key = iam.createAccessKey(account, "alice");
            ManagedPolicy policy = iam.createPolicy(account, "read", null, null, POLICY);
            iam.createGroup(account, "devs", null);
            iam.addUserToGroup(account, "devs", "alice");
            iam.attachPolicy(EntityType.GROUP, account, "devs", policy.arn());
            iam.createRole(account, "app", null, null, "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\":"
                    + " \"Allow\", \"Principal\": {\"AWS\": \"" + account + "\"}, \"Action\": \"sts:AssumeRole\"}]}",
                    null);
            return new Before(system, tenant, key, policy);
        });
        withIam(iam -> {
            String account = before.tenant().account().accountId();
            assertEquals(before.system(), iam.systemAccount().accountId());
            assertEquals(before.tenant().account(), iam.findAccount(account).orElseThrow());
            assertEquals(new RequestPrincipal.AccountRoot(account),
                    iam.findCredential(before.tenant().rootKey().accessKeyId()).orElseThrow().principal());
            Identity alice = iam.findCredential(before.key().accessKeyId()).orElseThrow();
            assertEquals(before.key().secretKey(), alice.secretKey());
            assertEquals("arn:aws:iam::" + account + ":user/dev/alice", alice.principal().arn());
            assertEquals(Map.of("team", "storage"), iam.listUserTags(account, "alice"));
            assertEquals(List.of("alice"), iam.getGroup(account, "devs").users().stream().map(u -> u.name()).toList());
            assertEquals(1, iam.identityPolicies(alice.principal()).size(), "the group's policy still applies");
            assertEquals(before.policy(), iam.getPolicy(account, before.policy().arn()));
            assertEquals("app", iam.getRole(account, "app").name());
            return null;
        });
    }

    @Test
    void aFirstWaveDataDirectoryOpensIntoTheSystemAccountWhichOwnsItsBuckets() {
        try (MetadataStore store = MetadataStore.open(dataDir.resolve("meta"), MetadataOptions.defaults())) {
            String secret = new SecretCipher(new byte[32]).encrypt("oldsecretoldsecret", "GKOLDKEY000000000000");
            store.iam().put("user/GUOLDUSER0000000000", framedV1("{\"formatVersion\":1,"
                    + "\"userId\":\"GUOLDUSER0000000000\","
                    + "\"name\":\"legacy\",\"createdEpochMillis\":1000,\"attachedPolicies\":[]}"));
            store.iam().put("key/GKOLDKEY000000000000", framedV1("{\"formatVersion\":1,\"accessKeyId\":"
                    + "\"GKOLDKEY000000000000\",\"userId\":\"GUOLDUSER0000000000\",\"encryptedSecret\":\"" + secret
                    + "\",\"status\":\"ACTIVE\",\"createdEpochMillis\":1000}"));
        }
        withIam(iam -> {
            String system = iam.systemAccount().accountId();
            Identity legacy = iam.findCredential("GKOLDKEY000000000000").orElseThrow();
            assertEquals(new RequestPrincipal.User(system, "GUOLDUSER0000000000", "legacy", "/"), legacy.principal());
            assertTrue(iam.isSystemRoot(iam.findCredential("ENVROOTKEY").orElseThrow().principal()));
            // The Owner ID first-wave listings showed: hex SHA-256 of "granary:root".
            assertEquals(java.util.HexFormat.of().formatHex(sha256("granary:root")), iam.systemAccount().canonicalId(),
                    "buckets created before accounts carry the system account's canonical id");
            return null;
        });
    }

    @Test
    void aRotatedSystemRootKeyWinsOverTheConfiguredOneOnTheNextStart() {
        CreatedAccessKey rotated = withIam(iam -> iam.rotateRootKey(iam.systemAccount().accountId(), Duration.ZERO));
        withIam(iam -> {
            assertTrue(iam.findCredential("ENVROOTKEY").isEmpty(), "the configured key stays retired");
            Identity root = iam.findCredential(rotated.accessKeyId()).orElseThrow();
            assertEquals(rotated.secretKey(), root.secretKey());
            assertTrue(iam.isSystemRoot(root.principal()));
            return null;
        });
    }

    @Test
    void aWriteOfPutsAndDeletesIsOneBatch() {
        try (MetadataStore store = MetadataStore.open(dataDir.resolve("meta"), MetadataOptions.defaults())) {
            RocksIdentityStore identities = new RocksIdentityStore(store.iam());
            identities.write(Map.of("a/1", utf8("one"), "a/2", utf8("two")), List.of());
            identities.write(Map.of("a/3", utf8("three")), List.of("a/1"));
            assertEquals(List.of("a/2", "a/3"), List.copyOf(identities.list("a/").keySet()));
            assertEquals("three", new String(identities.list("a/3").get("a/3"), StandardCharsets.UTF_8));
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A first-wave record (bare JSON then) as the metadata store's format 3 upgrade leaves it: framed at v1. */
    private static byte[] framedV1(String json) {
        return Keys.concat(new byte[] {1}, utf8(json));
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(utf8(text));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

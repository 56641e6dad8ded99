package io.granary.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.iam.policy.Policy;
import io.granary.iam.policy.RequestPrincipal;
import io.granary.records.VersionedJsonCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records written by the single-account Granary (format version 1) open unchanged into the system account. They
 * were bare JSON then; the metadata store frames them behind their version byte when it opens (database format 3),
 * so this test stores them framed.
 */
class RecordUpgradeTest {
    private static final SecretCipher CIPHER = new SecretCipher(new byte[32]);

    @TempDir
    Path dataDir;

    /** Writes what the first-wave IamService stored for a user with one key and one attached policy. */
    static void writeVersionOneRecords(IdentityStore store) {
        String secret = CIPHER.encrypt("oldsecretoldsecret", "GKOLDKEY000000000000");
        store.write(Map.of(
                "user/GUOLDUSER0000000000", v1("{\"formatVersion\":1,\"userId\":\"GUOLDUSER0000000000\","
                        + "\"name\":\"legacy\",\"createdEpochMillis\":1000,\"attachedPolicies\":[\"read-photos\"]}"),
                "key/GKOLDKEY000000000000", v1("{\"formatVersion\":1,\"accessKeyId\":\"GKOLDKEY000000000000\","
                        + "\"userId\":\"GUOLDUSER0000000000\",\"encryptedSecret\":\"" + secret + "\","
                        + "\"status\":\"ACTIVE\",\"createdEpochMillis\":1000}"),
                "policy/read-photos", v1("{\"formatVersion\":1,\"name\":\"read-photos\",\"document\":"
                        + jsonString(Policies.READ_PHOTOS) + ",\"createdEpochMillis\":1000}")), Set.of());
    }

    @Test
    void versionOneRecordsBelongToTheSystemAccountAndKeepWorking() {
        FileIdentityStore store = new FileIdentityStore(dataDir);
        writeVersionOneRecords(store);
        IamService iam = TestIam.open(dataDir, new MutableClock());
        String system = iam.systemAccount().accountId();
        Identity identity = iam.findCredential("GKOLDKEY000000000000").orElseThrow();
        assertEquals("oldsecretoldsecret", identity.secretKey());
        assertEquals(new RequestPrincipal.User(system, "GUOLDUSER0000000000", "legacy", "/"), identity.principal());
        assertEquals(List.of(Policy.parseIdentityPolicy(Policies.READ_PHOTOS)),
                iam.identityPolicies(identity.principal()));
        ManagedPolicy policy = iam.listPolicies(system, null, true).get(0);
        assertEquals("arn:aws:iam::" + system + ":policy/read-photos", policy.arn());
        assertEquals("v1", policy.defaultVersionId());
        assertEquals(2, policy.nextVersion());
    }

    @Test
    void theUpgradeIsWrittenBackOnceInTheCurrentFormat() {
        FileIdentityStore store = new FileIdentityStore(dataDir);
        writeVersionOneRecords(store);
        IamService first = TestIam.open(dataDir, new MutableClock());
        ManagedPolicy policy = first.listPolicies(first.systemAccount().accountId(), null, false).get(0);
        assertTrue(store.list("policy/read-photos").isEmpty(), "the policy is re-keyed by its id");
        assertEquals(User.FORMAT_VERSION, storedVersion(store, "user/"));
        assertEquals(AccessKey.FORMAT_VERSION, storedVersion(store, "key/"));
        assertEquals(ManagedPolicy.FORMAT_VERSION, storedVersion(store, "policy/" + policy.policyId()));
        IamService second = TestIam.open(dataDir, new MutableClock());
        assertEquals(policy, second.getPolicy(second.systemAccount().accountId(), policy.arn()),
                "a second open reads the upgraded records as they are");
    }

    @Test
    void aRecordFromANewerGranaryIsRefusedNotMisread() {
        FileIdentityStore store = new FileIdentityStore(dataDir);
        store.write(Map.of("user/GUX", framed(99, "{\"formatVersion\":99,\"userId\":\"GUX\"}")), Set.of());
        IamException e = org.junit.jupiter.api.Assertions.assertThrows(IamException.class,
                () -> TestIam.open(dataDir, new MutableClock()));
        assertEquals(IamException.Reason.CONFIGURATION, e.reason());
        assertTrue(e.getMessage().contains("format version 99"), e.getMessage());
    }

    private static int storedVersion(IdentityStore store, String prefix) {
        return VersionedJsonCodec.storedVersion(store.list(prefix).values().iterator().next());
    }

    /** A record as the first wave wrote it, framed at version 1 as the metadata store's format 3 upgrade does. */
    private static byte[] v1(String json) {
        return framed(1, json);
    }

    private static byte[] framed(int version, String json) {
        return VersionedJsonCodec.frame(version, json.getBytes(StandardCharsets.UTF_8));
    }

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

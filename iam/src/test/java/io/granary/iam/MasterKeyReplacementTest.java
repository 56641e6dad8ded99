package io.granary.iam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replacing the master key over a real file store: every secret (access keys, webhooks) and every kind of wrapped
 * data key (generation 0, a rotated generation, a stored KMS key, the AWS managed key) still opens under the new
 * key, the old key alone is refused with a message naming the variable to set, and a rotation afterwards destroys
 * what was carried.
 */
class MasterKeyReplacementTest {
    private static final SecretCipher OLD = cipher(1);
    private static final SecretCipher NEW = cipher(2);
    private static final byte[] DATA_KEY = DataKeyWrapper.newDataKey();

    @TempDir
    Path dir;

    private IamService open(SecretCipher master, SecretCipher previous) {
        return new IamService(new FileIdentityStore(dir), master, previous,
                new RootCredentials(TestIam.ROOT_KEY, TestIam.ROOT_SECRET, false), Clock.systemUTC());
    }

    private static SecretCipher cipher(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return new SecretCipher(key);
    }

    /** What the first service sealed and wrapped, checked against a later one. */
    private record Sealed(String accessKeyId, String secret, String managedArn, String appArn, String byManaged,
                          String byApp, String generation0, String generation1, String webhookSecret) {
        void readBy(IamService iam) {
            assertEquals(secret, iam.findCredential(accessKeyId).orElseThrow().secretKey());
            String account = iam.systemAccount().accountId();
            assertEquals(List.of(webhookSecret), iam.webhookSigningSecrets(iam.findWebhook(account, "hook")
                    .orElseThrow()));
            KeyStore keys = iam.keyStore("eu-west-1");
            assertEquals(managedArn, keys.enabledKey(account, null), "the aws/s3 key keeps its id");
            assertArrayEquals(DATA_KEY, keys.unwrap(managedArn, byManaged, "managed"));
            assertArrayEquals(DATA_KEY, keys.unwrap(appArn, byApp, "app"));
            assertArrayEquals(DATA_KEY, iam.dataKeys().unwrap(generation1, "g1"));
        }
    }

    private Sealed sealUnderOld() {
        IamService first = open(OLD, null);
        String account = first.systemAccount().accountId();
        first.createUser(account, "alice", null, null);
        CreatedAccessKey key = first.createAccessKey(account, "alice");
        first.createKmsKey(account, "app", null);
        KeyStore keys = first.keyStore("eu-west-1");
        String managed = keys.enabledKey(account, null);
        String app = keys.enabledKey(account, "app");
        String generation0 = first.dataKeys().wrap(DATA_KEY, "g0");
        first.rotateDataKeys();
        String generation1 = first.dataKeys().wrap(DATA_KEY, "g1");
        String webhookSecret = first.createWebhook(account, "hook", "http://127.0.0.1:1/events", null).secret();
        assertEquals(Set.of(0, 1), first.dataKeys().usableGenerations());
        return new Sealed(key.accessKeyId(), key.secretKey(), managed, app, keys.wrap(managed, DATA_KEY, "managed"),
                keys.wrap(app, DATA_KEY, "app"), generation0, generation1, webhookSecret);
    }

    @Test
    void everySecretAndDataKeyOpensUnderTheNewKeyAndTheOldOneIsRefused() {
        Sealed sealed = sealUnderOld();

        IamService replaced = open(NEW, OLD);
        assertTrue(replaced.replacedMasterKey());
        sealed.readBy(replaced);
        assertArrayEquals(DATA_KEY, replaced.dataKeys().unwrap(sealed.generation0(), "g0"));

        IamService after = open(NEW, null);
        assertFalse(after.replacedMasterKey());
        sealed.readBy(after);
        assertArrayEquals(DATA_KEY, after.dataKeys().unwrap(sealed.generation0(), "g0"));
        assertFalse(open(NEW, OLD).replacedMasterKey(), "given again, the previous key is not needed");

        for (List<SecretCipher> wrong : List.of(List.of(OLD), List.of(cipher(3), OLD))) {
            IamException refused = assertThrows(IamException.class,
                    () -> open(wrong.get(0), wrong.size() > 1 ? wrong.get(1) : null));
            assertEquals(IamException.Reason.CONFIGURATION, refused.reason());
            assertTrue(refused.getMessage().contains("sealed under"), refused.getMessage());
        }
        assertTrue(assertThrows(IamException.class, () -> open(OLD, null)).getMessage()
                .contains(SecretCipher.PREVIOUS_MASTER_KEY_ENV));

        // The rotation's end destroys generation 0, and with it the key carried over from the old master key.
        after.rotateDataKeys();
        after.retireOldDataKeys();
        IamService retired = open(NEW, null);
        assertThrows(IamException.class, () -> retired.dataKeys().unwrap(sealed.generation0(), "g0"));
        assertEquals(null, new FileIdentityStore(dir).list("master-key/").values().stream()
                .map(bytes -> new RecordCodec<>(MasterKeyState.class, 1, () -> "x").decode("master-key/state", bytes))
                .findFirst().orElseThrow().legacyDataKeys());
        String account = retired.systemAccount().accountId();
        assertEquals(sealed.secret(), retired.findCredential(sealed.accessKeyId()).orElseThrow().secretKey());
        assertEquals(sealed.managedArn(), retired.keyStore("eu-west-1").enabledKey(account, null));
    }

    @Test
    void aStoreFromBeforeTheCheckIsRecognisedByItsSecrets() {
        Sealed sealed = sealUnderOld();
        // As a data directory written before the check record existed.
        new FileIdentityStore(dir).write(Map.of(), List.of("master-key/state"));

        assertEquals(IamException.Reason.CONFIGURATION,
                assertThrows(IamException.class, () -> open(NEW, null)).reason());
        assertEquals(IamException.Reason.CONFIGURATION,
                assertThrows(IamException.class, () -> open(NEW, cipher(3))).reason());
        IamService replaced = open(NEW, OLD);
        assertTrue(replaced.replacedMasterKey());
        sealed.readBy(replaced);
        assertArrayEquals(DATA_KEY, replaced.dataKeys().unwrap(sealed.generation0(), "g0"));
    }

    @Test
    void aPreviousKeyFileIsReadAndRemovedOnceTheStoreIsResealed(@TempDir Path dataDir) throws Exception {
        IamService first = IamService.open(dataDir, Map.of(), new FileIdentityStore(dataDir.resolve("store")));
        String account = first.systemAccount().accountId();
        first.createUser(account, "bob", null, null);
        CreatedAccessKey key = first.createAccessKey(account, "bob");
        Files.move(dataDir.resolve(SecretCipher.MASTER_KEY_FILE),
                dataDir.resolve(SecretCipher.PREVIOUS_MASTER_KEY_FILE));

        IamService second = IamService.open(dataDir, Map.of(), new FileIdentityStore(dataDir.resolve("store")));
        assertTrue(second.replacedMasterKey());
        assertFalse(Files.exists(dataDir.resolve(SecretCipher.PREVIOUS_MASTER_KEY_FILE)));
        assertTrue(Files.exists(dataDir.resolve(SecretCipher.MASTER_KEY_FILE)), "a new key was made");
        assertEquals(key.secretKey(), second.findCredential(key.accessKeyId()).orElseThrow().secretKey());
    }
}

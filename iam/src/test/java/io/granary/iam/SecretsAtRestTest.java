package io.granary.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.iam.policy.RequestPrincipal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsAtRestTest {
    @TempDir
    Path dataDir;

    private IamService open(Map<String, String> env) {
        return IamService.open(dataDir, env, new FileIdentityStore(dataDir.resolve("store")));
    }

    @Test
    void storedBytesNeverContainTheSecret() throws IOException {
        IamService iam = open(Map.of());
        String account = iam.systemAccount().accountId();
        iam.createUser(account, "alice", null, null);
        CreatedAccessKey key = iam.createAccessKey(account, "alice");
        byte[] secret = key.secretKey().getBytes(StandardCharsets.UTF_8);
        List<Path> stored;
        try (Stream<Path> files = Files.walk(dataDir.resolve("store"))) {
            stored = files.filter(Files::isRegularFile).toList();
        }
        assertFalse(stored.isEmpty());
        for (Path file : stored) {
            String content = Files.readString(file, StandardCharsets.ISO_8859_1);
            assertFalse(content.contains(key.secretKey()), file + " holds the secret");
            assertFalse(content.contains(Base64.getEncoder().encodeToString(secret)), file + " holds it in base64");
        }
    }

    @Test
    void secretSurvivesARestartWithTheSameMasterKey() {
        IamService first = open(Map.of());
        String account = first.systemAccount().accountId();
        first.createUser(account, "alice", null, null);
        CreatedAccessKey key = first.createAccessKey(account, "alice");
        IamService second = open(Map.of());
        Identity identity = second.findCredential(key.accessKeyId()).orElseThrow();
        assertEquals(key.secretKey(), identity.secretKey());
        assertEquals("alice", ((RequestPrincipal.User) identity.principal()).userName());
        assertEquals(account, identity.principal().accountId());
    }

    @Test
    void aWrongMasterKeyIsRefusedWhenTheStoreOpens() {
        IamService first = open(Map.of());
        String account = first.systemAccount().accountId();
        first.createUser(account, "alice", null, null);
        first.createAccessKey(account, "alice");
        String otherKey = Base64.getEncoder().encodeToString(new byte[32]);
        IamException e = assertThrows(IamException.class, () -> open(Map.of(SecretCipher.MASTER_KEY_ENV, otherKey)));
        assertEquals(IamException.Reason.CONFIGURATION, e.reason());
        assertTrue(e.getMessage().contains("is not the key this data directory's secrets are sealed under"),
                e.getMessage());
        assertTrue(e.getMessage().contains(SecretCipher.PREVIOUS_MASTER_KEY_ENV), e.getMessage());
    }

    @Test
    void aSecretMovedOntoAnotherKeyRecordDoesNotDecrypt() {
        SecretCipher cipher = new SecretCipher(new byte[32]);
        String sealed = cipher.encrypt("s3cr3t-value", "GKAAAAAAAAAAAAAAAAAA");
        assertEquals("s3cr3t-value", cipher.decrypt(sealed, "GKAAAAAAAAAAAAAAAAAA"));
        IamException e = assertThrows(IamException.class, () -> cipher.decrypt(sealed, "GKBBBBBBBBBBBBBBBBBB"));
        assertEquals(IamException.Reason.SECRET_UNREADABLE, e.reason());
    }

    @Test
    void eachEncryptionUsesAFreshNonce() {
        SecretCipher cipher = new SecretCipher(new byte[32]);
        assertFalse(cipher.encrypt("same", "GK1").equals(cipher.encrypt("same", "GK1")));
    }

    @Test
    void damagedEnvelopesAreUnreadableNotCrashes() {
        SecretCipher cipher = new SecretCipher(new byte[32]);
        assertEquals(IamException.Reason.SECRET_UNREADABLE,
                assertThrows(IamException.class, () -> cipher.decrypt("not base64!", "GK1")).reason());
        assertEquals(IamException.Reason.SECRET_UNREADABLE,
                assertThrows(IamException.class, () -> cipher.decrypt("AQID", "GK1")).reason());
    }
}

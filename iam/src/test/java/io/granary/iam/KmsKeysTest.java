package io.granary.iam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in key store and the master key's data-key generations, over a real file store, across reopens. */
class KmsKeysTest {
    private static final byte[] DATA_KEY = new byte[32];

    @Test
    void keysResolveByEveryNameDisableSurviveAReopenAndStayPerAccount(@TempDir Path dir) {
        IamService iam = TestIam.open(dir, Clock.systemUTC());
        String account = iam.systemAccount().accountId();
        KmsKey key = iam.createKmsKey(account, "app", "for the app");
        KeyStore store = iam.keyStore("eu-west-1");
        String arn = "arn:aws:kms:eu-west-1:" + account + ":key/" + key.keyId();
        for (String ref : new String[] {arn, key.keyId(), "alias/app", "app",
            "arn:aws:kms:eu-west-1:" + account + ":alias/app"}) {
            assertEquals(arn, store.enabledKey(account, ref), ref);
        }
        String wrapped = store.wrap(arn, DATA_KEY, "ctx");
        assertThrows(IamException.class, () -> store.unwrap(arn, wrapped, "other ctx"));
        assertEquals(IamException.Reason.ENTITY_ALREADY_EXISTS, assertThrows(IamException.class,
                () -> iam.createKmsKey(account, "app", null)).reason());
        assertEquals(IamException.Reason.VALIDATION_ERROR, assertThrows(IamException.class,
                () -> iam.createKmsKey(account, "aws/mine", null)).reason());
        assertEquals(KmsException.Reason.NOT_FOUND, assertThrows(KmsException.class,
                () -> store.enabledKey(account, "alias/none")).reason());
        assertEquals(KmsException.Reason.OTHER_ACCOUNT, assertThrows(KmsException.class,
                () -> store.enabledKey(account, "arn:aws:kms:eu-west-1:999999999999:key/" + key.keyId())).reason());

        iam.setKmsKeyEnabled(account, "app", false);
        IamService reopened = TestIam.open(dir, Clock.systemUTC());
        KeyStore again = reopened.keyStore("eu-west-1");
        assertEquals(KmsException.Reason.DISABLED, assertThrows(KmsException.class,
                () -> again.unwrap(arn, wrapped, "ctx")).reason());
        reopened.setKmsKeyEnabled(account, arn, true);
        assertArrayEquals(DATA_KEY, again.unwrap(arn, wrapped, "ctx"));

        // The AWS managed key: the same on every open, never stored, never disabled.
        String managed = again.enabledKey(account, null);
        assertEquals(managed, store.enabledKey(account, "alias/aws/s3"));
        assertEquals("aws/s3", reopened.listKmsKeys(account).get(0).name());
        assertThrows(IamException.class, () -> reopened.setKmsKeyEnabled(account, "aws/s3", false));
        String other = reopened.createAccount("other").account().accountId();
        assertNotEquals(managed, again.enabledKey(other, null));
        assertEquals(1, reopened.listKmsKeys(other).size());
    }

    @Test
    void aRotationMovesNewKeysToANewGenerationAndRetiringDestroysTheOld(@TempDir Path dir) {
        IamService iam = TestIam.open(dir, Clock.systemUTC());
        String account = iam.systemAccount().accountId();
        DataKeyring ring = iam.dataKeys();
        String legacy = ring.wrap(DATA_KEY, "c");
        assertFalse(legacy.contains("."), "generation 0 keeps the unprefixed form");
        String kmsArn = iam.keyStore("us-east-1").enabledKey(account, iam.createKmsKey(account, "k", null).keyId());
        String underKms = iam.keyStore("us-east-1").wrap(kmsArn, DATA_KEY, "c");

        assertEquals(1, iam.rotateDataKeys());
        String fresh = ring.wrap(DATA_KEY, "c");
        assertTrue(fresh.startsWith("1."), fresh);
        assertEquals(Set.of(0, 1), ring.usableGenerations());
        assertArrayEquals(DATA_KEY, ring.unwrap(legacy, "c"));
        String rewrapped = ring.rewrap(legacy, "c");
        assertEquals(1, DataKeyring.generation(rewrapped));
        assertEquals(rewrapped, ring.rewrap(rewrapped, "c"));

        iam.retireOldDataKeys();
        IamService reopened = TestIam.open(dir, Clock.systemUTC());
        DataKeyring after = reopened.dataKeys();
        assertEquals(Set.of(1), after.usableGenerations());
        assertThrows(IamException.class, () -> after.unwrap(legacy, "c"));
        assertArrayEquals(DATA_KEY, after.unwrap(rewrapped, "c"));
        assertArrayEquals(DATA_KEY, after.unwrap(fresh, "c"));
        // The KMS key's material was re-wrapped too, so its data keys still open.
        assertArrayEquals(DATA_KEY, reopened.keyStore("us-east-1").unwrap(kmsArn, underKms, "c"));
        assertEquals(2, reopened.rotateDataKeys());
    }
}

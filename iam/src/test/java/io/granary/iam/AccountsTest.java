package io.granary.iam;

import static io.granary.iam.IamServiceTest.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.iam.policy.RequestPrincipal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Accounts: isolation of their entities, deletion rules, and root-key rotation with a grace period. */
class AccountsTest {
    @TempDir
    Path dataDir;
    private final MutableClock clock = new MutableClock();
    private IamService iam;
    private String system;

    @BeforeEach
    void open() {
        iam = TestIam.open(dataDir, clock);
        system = iam.systemAccount().accountId();
    }

    @Test
    void aNewAccountHasItsOwnIdsAndAWorkingRootKey() {
        CreatedAccount created = iam.createAccount("tenant-a");
        Account account = created.account();
        assertTrue(account.accountId().matches("[1-9]\\d{11}"));
        assertTrue(account.canonicalId().matches("[0-9a-f]{64}"));
        assertNotEquals(system, account.accountId());
        assertNotEquals(iam.systemAccount().canonicalId(), account.canonicalId());
        assertEquals("arn:aws:iam::" + account.accountId() + ":root", account.rootArn());
        Identity root = iam.findCredential(created.rootKey().accessKeyId()).orElseThrow();
        assertEquals(created.rootKey().secretKey(), root.secretKey());
        assertEquals(new RequestPrincipal.AccountRoot(account.accountId()), root.principal());
        assertEquals(List.of("system", "tenant-a"), iam.listAccounts().stream().map(Account::name).toList());
        assertEquals(account, iam.findAccount(account.accountId()).orElseThrow());
        assertEquals(IamException.Reason.ENTITY_ALREADY_EXISTS, reason(() -> iam.createAccount("Tenant-A")));
        assertEquals(IamException.Reason.VALIDATION_ERROR, reason(() -> iam.createAccount("has space")));
    }

    @Test
    void accountsDoNotSeeEachOthersEntities() {
        String other = iam.createAccount("tenant-a").account().accountId();
        User mine = iam.createUser(system, "alice", null, null);
        User theirs = iam.createUser(other, "alice", null, null);
        assertNotEquals(mine.userId(), theirs.userId());
        CreatedAccessKey key = iam.createAccessKey(other, "alice");
        assertEquals(IamException.Reason.NO_SUCH_ENTITY, reason(() -> iam.deleteAccessKey(system, null,
                key.accessKeyId())));
        ManagedPolicy policy = iam.createPolicy(other, "read", null, null, Policies.READ_PHOTOS);
        assertEquals(IamException.Reason.NO_SUCH_ENTITY, reason(() -> iam.attachPolicy(EntityType.USER, system,
                "alice", policy.arn())));
        assertEquals(IamException.Reason.NO_SUCH_ENTITY, reason(() -> iam.getPolicy(system, policy.arn())));
        assertEquals(List.of(mine), iam.listUsers(system, null));
        assertEquals(other, iam.findCredential(key.accessKeyId()).orElseThrow().principal().accountId());
    }

    @Test
    void anAccountIsDeletedOnlyWhenEmpty() {
        CreatedAccount created = iam.createAccount("tenant-a");
        String other = created.account().accountId();
        iam.createUser(other, "alice", null, null);
        assertEquals(IamException.Reason.DELETE_CONFLICT, reason(() -> iam.deleteAccount("tenant-a", a -> false)));
        iam.deleteUser(other, "alice");
        assertEquals(IamException.Reason.DELETE_CONFLICT, reason(() -> iam.deleteAccount("tenant-a", a -> true)));
        iam.deleteAccount("tenant-a", a -> false);
        assertTrue(iam.findAccount(other).isEmpty());
        assertTrue(iam.findCredential(created.rootKey().accessKeyId()).isEmpty(), "its root key must die with it");
        assertEquals(IamException.Reason.NO_SUCH_ENTITY, reason(() -> iam.deleteAccount("tenant-a", a -> false)));
        assertEquals(IamException.Reason.DELETE_CONFLICT, reason(() -> iam.deleteAccount("system", a -> false)));
    }

    @Test
    void aRotatedRootKeyWorksAtOnceAndTheOldOneUntilTheGraceEnds() {
        CreatedAccount created = iam.createAccount("tenant-a");
        String other = created.account().accountId();
        CreatedAccessKey rotated = iam.rotateRootKey(other, Duration.ofMinutes(10));
        assertEquals(new RequestPrincipal.AccountRoot(other),
                iam.findCredential(rotated.accessKeyId()).orElseThrow().principal());
        assertTrue(iam.findCredential(created.rootKey().accessKeyId()).isPresent(), "the old key works in the grace");
        clock.advance(Duration.ofMinutes(10));
        assertTrue(iam.findCredential(created.rootKey().accessKeyId()).isEmpty(), "the old key stops after it");
        assertTrue(iam.findCredential(rotated.accessKeyId()).isPresent());
    }

    @Test
    void theSystemRootKeyRotatesAndTheStoredKeyWinsOverTheConfiguredOneAfterARestart() {
        CreatedAccessKey rotated = iam.rotateRootKey(system, Duration.ofMinutes(5));
        assertTrue(iam.findCredential("ROOTKEY").isPresent(), "the configured key works in the grace");
        assertTrue(iam.isSystemRoot(iam.findCredential(rotated.accessKeyId()).orElseThrow().principal()));
        open();
        assertTrue(iam.isSystemRoot(iam.findCredential(rotated.accessKeyId()).orElseThrow().principal()),
                "the rotated key is stored");
        assertTrue(iam.findCredential("ROOTKEY").isPresent(), "the grace survives the restart too");
        clock.advance(Duration.ofMinutes(5));
        assertTrue(iam.findCredential("ROOTKEY").isEmpty(), "the configured key is refused after the grace");
        open();
        assertTrue(iam.findCredential("ROOTKEY").isEmpty(), "and stays refused although it is still configured");
        assertEquals(rotated.secretKey(), iam.findCredential(rotated.accessKeyId()).orElseThrow().secretKey());
    }

    @Test
    void aZeroGraceRefusesTheOldKeyAtOnceAndExpiredKeysAreRemovedOnTheNextRotation() {
        CreatedAccessKey first = iam.rotateRootKey(system, Duration.ZERO);
        assertTrue(iam.findCredential("ROOTKEY").isEmpty());
        CreatedAccessKey second = iam.rotateRootKey(system, Duration.ofHours(1));
        CreatedAccessKey third = iam.rotateRootKey(system, Duration.ZERO);
        assertTrue(iam.findCredential(first.accessKeyId()).isEmpty());
        assertTrue(iam.findCredential(second.accessKeyId()).isEmpty());
        assertTrue(iam.findCredential(third.accessKeyId()).isPresent());
        assertEquals(1, new FileIdentityStore(dataDir).list("key/").size(), "only the current root key is kept");
        assertEquals(IamException.Reason.VALIDATION_ERROR, reason(() -> iam.rotateRootKey(system,
                Duration.ofSeconds(-1))));
        assertEquals(IamException.Reason.NO_SUCH_ENTITY, reason(() -> iam.rotateRootKey("999999999999",
                Duration.ZERO)));
        assertNull(iam.findAccount("999999999999").orElse(null));
    }
}

package io.granary.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.iam.policy.RequestPrincipal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Users and their access keys, in the system account, over a store that survives restarts. */
class IamServiceTest {
    @TempDir
    Path dataDir;
    private final MutableClock clock = new MutableClock();
    private IamService iam;
    private String account;

    @BeforeEach
    void open() {
        iam = TestIam.open(dataDir, clock);
        account = iam.systemAccount().accountId();
    }

    static IamException.Reason reason(Executable call) {
        return assertThrows(IamException.class, call).reason();
    }

    @Test
    void rootCredentialsResolveToTheSystemAccountsRoot() {
        Identity root = iam.findCredential("ROOTKEY").orElseThrow();
        assertEquals("rootsecret", root.secretKey());
        assertEquals(new RequestPrincipal.AccountRoot(account), root.principal());
        assertTrue(iam.isSystemRoot(root.principal()));
        assertFalse(root.temporary());
    }

    @Test
    void accessKeyLifecycleCreateDisableEnableDelete() {
        User alice = iam.createUser(account, "alice", null, null);
        CreatedAccessKey key = iam.createAccessKey(account, "alice");
        assertTrue(key.accessKeyId().matches("GK[A-Z0-9]{18}"), key.accessKeyId());
        assertTrue(key.secretKey().matches("[A-Za-z0-9]{40}"));

        Identity identity = iam.findCredential(key.accessKeyId()).orElseThrow();
        assertEquals(key.secretKey(), identity.secretKey());
        assertEquals(new RequestPrincipal.User(account, alice.userId(), "alice", "/"), identity.principal());

        iam.updateAccessKey(account, "alice", key.accessKeyId(), AccessKey.Status.INACTIVE);
        assertTrue(iam.findCredential(key.accessKeyId()).isEmpty(), "a disabled key must not authenticate");
        assertEquals(AccessKey.Status.INACTIVE, iam.listAccessKeys(account, "alice").get(0).status());

        iam.updateAccessKey(account, null, key.accessKeyId(), AccessKey.Status.ACTIVE);
        assertTrue(iam.findCredential(key.accessKeyId()).isPresent());

        iam.deleteAccessKey(account, "alice", key.accessKeyId());
        assertTrue(iam.findCredential(key.accessKeyId()).isEmpty(), "a deleted key must not authenticate");
        assertEquals(List.of(), iam.listAccessKeys(account, "alice"));
        assertEquals(IamException.Reason.NO_SUCH_ENTITY, reason(() -> iam.deleteAccessKey(account, "alice",
                key.accessKeyId())));
    }

    @Test
    void unknownKeysResolveToNothing() {
        assertTrue(iam.findCredential("GKNOSUCHKEY000000000").isEmpty());
    }

    @Test
    void aUserHasAtMostTwoAccessKeys() {
        iam.createUser(account, "alice", null, null);
        CreatedAccessKey a1 = iam.createAccessKey(account, "alice");
        CreatedAccessKey a2 = iam.createAccessKey(account, "alice");
        assertEquals(IamException.Reason.LIMIT_EXCEEDED, reason(() -> iam.createAccessKey(account, "alice")));
        List<AccessKeyInfo> keys = iam.listAccessKeys(account, "alice");
        assertEquals(List.of(a1.accessKeyId(), a2.accessKeyId()).stream().sorted().toList(),
                keys.stream().map(AccessKeyInfo::accessKeyId).toList());
        assertTrue(keys.stream().allMatch(k -> k.userName().equals("alice")));
        assertFalse(a1.toString().contains(a1.secretKey()));
        iam.deleteAccessKey(account, "alice", a1.accessKeyId());
        iam.createAccessKey(account, "alice");
    }

    @Test
    void allUsersKeysOfTheAccountAreListedWithoutAUserName() {
        iam.createUser(account, "alice", null, null);
        iam.createUser(account, "bob", null, null);
        CreatedAccessKey a = iam.createAccessKey(account, "alice");
        CreatedAccessKey b = iam.createAccessKey(account, "bob");
        String other = iam.createAccount("tenant-a").account().accountId();
        iam.createUser(other, "carol", null, null);
        iam.createAccessKey(other, "carol");
        List<AccessKeyInfo> keys = iam.listAccessKeys(account, null);
        assertEquals(List.of(a.accessKeyId(), b.accessKeyId()).stream().sorted().toList(),
                keys.stream().map(AccessKeyInfo::accessKeyId).toList());
        assertEquals(java.util.Set.of("alice", "bob"), keys.stream().map(AccessKeyInfo::userName)
                .collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void aKeyOfAnotherUserIsNotFoundUnderThisOne() {
        iam.createUser(account, "alice", null, null);
        iam.createUser(account, "bob", null, null);
        CreatedAccessKey bobs = iam.createAccessKey(account, "bob");
        assertEquals(IamException.Reason.NO_SUCH_ENTITY, reason(() -> iam.updateAccessKey(account, "alice",
                bobs.accessKeyId(), AccessKey.Status.INACTIVE)));
        assertTrue(iam.findCredential(bobs.accessKeyId()).isPresent());
    }

    @Test
    void lastUseIsRecordedInMemory() {
        iam.createUser(account, "alice", null, null);
        CreatedAccessKey key = iam.createAccessKey(account, "alice");
        AccessKeyLastUsed unused = iam.getAccessKeyLastUsed(account, key.accessKeyId());
        assertEquals(new AccessKeyLastUsed("alice", 0, null, null), unused);
        iam.recordKeyUse(key.accessKeyId(), "s3", "us-east-1", 1234L);
        assertEquals(new AccessKeyLastUsed("alice", 1234L, "s3", "us-east-1"),
                iam.getAccessKeyLastUsed(account, key.accessKeyId()));
    }

    @Test
    void userNamesAreUniqueRegardlessOfCaseAndValidated() {
        iam.createUser(account, "alice", null, null);
        assertEquals(IamException.Reason.ENTITY_ALREADY_EXISTS, reason(() -> iam.createUser(account, "Alice", null,
                null)));
        assertEquals(IamException.Reason.VALIDATION_ERROR, reason(() -> iam.createUser(account, "no spaces", null,
                null)));
        assertEquals(IamException.Reason.VALIDATION_ERROR, reason(() -> iam.createUser(account, "bob", "no-slash",
                null)));
        assertEquals("alice", iam.getUser(account, "ALICE").name());
        assertEquals(IamException.Reason.NO_SUCH_ENTITY, reason(() -> iam.getUser(account, "nobody")));
    }

    @Test
    void usersAreListedByNameUnderAPathPrefix() {
        iam.createUser(account, "carol", "/ops/", null);
        iam.createUser(account, "alice", "/dev/", null);
        iam.createUser(account, "bob", "/dev/backend/", null);
        assertEquals(List.of("alice", "bob", "carol"), names(iam.listUsers(account, null)));
        assertEquals(List.of("alice", "bob"), names(iam.listUsers(account, "/dev/")));
        assertEquals(List.of("bob"), names(iam.listUsers(account, "/dev/b")));
        assertEquals("arn:aws:iam::" + account + ":user/dev/backend/bob", iam.getUser(account, "bob").arn());
    }

    @Test
    void updateUserRenamesAndMovesAndTheKeysFollow() {
        iam.createUser(account, "alice", null, null);
        iam.createUser(account, "bob", null, null);
        CreatedAccessKey key = iam.createAccessKey(account, "alice");
        assertEquals(IamException.Reason.ENTITY_ALREADY_EXISTS, reason(() -> iam.updateUser(account, "alice", "bob",
                null)));
        User renamed = iam.updateUser(account, "alice", "alicia", "/team/");
        assertEquals("/team/", renamed.path());
        RequestPrincipal.User principal = (RequestPrincipal.User) iam.findCredential(key.accessKeyId()).orElseThrow()
                .principal();
        assertEquals("alicia", principal.userName());
        assertEquals("arn:aws:iam::" + account + ":user/team/alicia", principal.arn());
        assertEquals(IamException.Reason.NO_SUCH_ENTITY, reason(() -> iam.getUser(account, "alice")));
    }

    @Test
    void tagsAreMergedRemovedAndLimited() {
        iam.createUser(account, "alice", null, Map.of("team", "storage"));
        iam.tagUser(account, "alice", Map.of("env", "prod", "team", "infra"));
        assertEquals(Map.of("env", "prod", "team", "infra"), iam.listUserTags(account, "alice"));
        iam.untagUser(account, "alice", List.of("env", "absent"));
        assertEquals(Map.of("team", "infra"), iam.listUserTags(account, "alice"));
        assertEquals(IamException.Reason.INVALID_INPUT, reason(() -> iam.tagUser(account, "alice",
                Map.of("aws:x", "y"))));
        Map<String, String> many = new java.util.HashMap<>();
        for (int i = 0; i < Names.MAX_TAGS; i++) many.put("k" + i, "v");
        assertEquals(IamException.Reason.LIMIT_EXCEEDED, reason(() -> iam.tagUser(account, "alice", many)));
    }

    @Test
    void aUserWithKeysPoliciesOrGroupsCannotBeDeleted() {
        iam.createUser(account, "alice", null, null);
        CreatedAccessKey key = iam.createAccessKey(account, "alice");
        ManagedPolicy policy = iam.createPolicy(account, "read", null, null, Policies.READ_PHOTOS);
        iam.attachPolicy(EntityType.USER, account, "alice", policy.arn());
        iam.putInlinePolicy(EntityType.USER, account, "alice", "inline", Policies.READ_PHOTOS);
        iam.createGroup(account, "devs", null);
        iam.addUserToGroup(account, "devs", "alice");
        assertEquals(IamException.Reason.DELETE_CONFLICT, reason(() -> iam.deleteUser(account, "alice")));
        iam.deleteAccessKey(account, "alice", key.accessKeyId());
        assertEquals(IamException.Reason.DELETE_CONFLICT, reason(() -> iam.deleteUser(account, "alice")));
        iam.detachPolicy(EntityType.USER, account, "alice", policy.arn());
        assertEquals(IamException.Reason.DELETE_CONFLICT, reason(() -> iam.deleteUser(account, "alice")));
        iam.deleteInlinePolicy(EntityType.USER, account, "alice", "inline");
        assertEquals(IamException.Reason.DELETE_CONFLICT, reason(() -> iam.deleteUser(account, "alice")));
        iam.removeUserFromGroup(account, "devs", "alice");
        iam.deleteUser(account, "alice");
        assertEquals(List.of(), iam.listUsers(account, null));
    }

    @Test
    void everythingSurvivesARestartOfTheService() {
        iam.createUser(account, "alice", "/dev/", Map.of("team", "storage"));
        CreatedAccessKey key = iam.createAccessKey(account, "alice");
        ManagedPolicy policy = iam.createPolicy(account, "read", null, null, Policies.READ_PHOTOS);
        iam.attachPolicy(EntityType.USER, account, "alice", policy.arn());
        User alice = iam.getUser(account, "alice");
        open();
        assertEquals(alice, iam.getUser(account, "alice"));
        assertEquals(key.secretKey(), iam.findCredential(key.accessKeyId()).orElseThrow().secretKey());
        assertEquals(1, iam.identityPolicies(iam.findCredential(key.accessKeyId()).orElseThrow().principal()).size());
    }

    @Test
    void openCreatesRootCredentialsMasterKeyAndSystemAccountInTheDataDirectory() {
        IamService opened = IamService.open(dataDir, Map.of(), new FileIdentityStore(dataDir.resolve("store")));
        assertTrue(opened.rootCredentials().generated());
        Account system = opened.systemAccount();
        assertTrue(system.accountId().matches("[1-9]\\d{11}"), system.accountId());
        assertTrue(system.canonicalId().matches("[0-9a-f]{64}"), system.canonicalId());
        assertEquals(new RequestPrincipal.AccountRoot(system.accountId()),
                opened.findCredential(opened.rootCredentials().accessKeyId()).orElseThrow().principal());
        IamService reopened = IamService.open(dataDir, Map.of(), new FileIdentityStore(dataDir.resolve("store")));
        assertEquals(system, reopened.systemAccount());
        assertNull(reopened.findAccount("000000000000").orElse(null));
    }

    private static List<String> names(List<User> users) {
        return users.stream().map(User::name).toList();
    }
}

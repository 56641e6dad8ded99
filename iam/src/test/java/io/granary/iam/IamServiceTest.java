package io.granary.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.iam.policy.MalformedPolicyException;
import io.granary.iam.policy.RequestPrincipal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IamServiceTest {
    private static final String READ_ONLY = """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::photos/*"}]}""";

    @TempDir
    Path dataDir;
    private IamService iam;

    @BeforeEach
    void open() {
        iam = new IamService(new FileIdentityStore(dataDir), new SecretCipher(new byte[32]),
                new RootCredentials("ROOTKEY", "rootsecret", false), Clock.systemUTC());
    }

    @Test
    void rootCredentialsResolveToTheRootPrincipal() {
        Identity root = iam.findCredential("ROOTKEY").orElseThrow();
        assertTrue(root.root());
        assertEquals("rootsecret", root.secretKey());
        assertEquals(RequestPrincipal.ROOT, root.principal());
    }

    @Test
    void accessKeyLifecycleCreateDisableEnableDelete() {
        User alice = iam.createUser("alice");
        CreatedAccessKey key = iam.createAccessKey("alice");
        assertTrue(key.accessKeyId().matches("GK[A-Z0-9]{18}"), key.accessKeyId());
        assertTrue(key.secretKey().matches("[A-Za-z0-9]{40}"));

        Identity identity = iam.findCredential(key.accessKeyId()).orElseThrow();
        assertEquals(key.secretKey(), identity.secretKey());
        assertEquals(new RequestPrincipal.User(alice.userId(), "alice"), identity.principal());

        iam.setAccessKeyStatus(key.accessKeyId(), AccessKey.Status.INACTIVE);
        assertTrue(iam.findCredential(key.accessKeyId()).isEmpty(), "a disabled key must not authenticate");
        assertEquals(AccessKey.Status.INACTIVE, iam.listAccessKeys("alice").get(0).status());

        iam.setAccessKeyStatus(key.accessKeyId(), AccessKey.Status.ACTIVE);
        assertTrue(iam.findCredential(key.accessKeyId()).isPresent());

        iam.deleteAccessKey(key.accessKeyId());
        assertTrue(iam.findCredential(key.accessKeyId()).isEmpty(), "a deleted key must not authenticate");
        assertEquals(List.of(), iam.listAccessKeys("alice"));
        assertEquals(IamException.Reason.NO_SUCH_ENTITY, assertThrows(IamException.class,
                () -> iam.deleteAccessKey(key.accessKeyId())).reason());
    }

    @Test
    void unknownKeysResolveToNothing() {
        assertTrue(iam.findCredential("GKNOSUCHKEY000000000").isEmpty());
    }

    @Test
    void keysAreListedPerUserWithoutSecrets() {
        iam.createUser("alice");
        iam.createUser("bob");
        CreatedAccessKey a1 = iam.createAccessKey("alice");
        CreatedAccessKey a2 = iam.createAccessKey("alice");
        iam.createAccessKey("bob");
        List<AccessKeyInfo> keys = iam.listAccessKeys("alice");
        assertEquals(2, keys.size());
        assertTrue(keys.stream().allMatch(k -> k.userName().equals("alice")));
        assertTrue(keys.stream().anyMatch(k -> k.accessKeyId().equals(a1.accessKeyId())));
        assertTrue(keys.stream().anyMatch(k -> k.accessKeyId().equals(a2.accessKeyId())));
        assertTrue(!a1.toString().contains(a1.secretKey()));
    }

    @Test
    void userNamesAreUniqueAndValidated() {
        iam.createUser("alice");
        assertEquals(IamException.Reason.ENTITY_ALREADY_EXISTS,
                assertThrows(IamException.class, () -> iam.createUser("alice")).reason());
        assertEquals(IamException.Reason.INVALID_INPUT,
                assertThrows(IamException.class, () -> iam.createUser("no spaces")).reason());
        assertEquals(List.of("alice"), iam.listUsers().stream().map(User::name).toList());
    }

    @Test
    void aUserWithKeysOrPoliciesCannotBeDeleted() {
        iam.createUser("alice");
        CreatedAccessKey key = iam.createAccessKey("alice");
        iam.createPolicy("read-photos", READ_ONLY);
        iam.attachUserPolicy("alice", "read-photos");
        assertEquals(IamException.Reason.DELETE_CONFLICT,
                assertThrows(IamException.class, () -> iam.deleteUser("alice")).reason());
        iam.deleteAccessKey(key.accessKeyId());
        assertEquals(IamException.Reason.DELETE_CONFLICT,
                assertThrows(IamException.class, () -> iam.deleteUser("alice")).reason());
        iam.detachUserPolicy("alice", "read-photos");
        iam.deleteUser("alice");
        assertTrue(iam.findUserByName("alice").isEmpty());
    }

    @Test
    void attachedPoliciesBecomeTheUsersIdentityPolicies() {
        User alice = iam.createUser("alice");
        iam.createPolicy("read-photos", READ_ONLY);
        iam.attachUserPolicy("alice", "read-photos");
        iam.attachUserPolicy("alice", "read-photos");
        assertEquals(List.of("read-photos"), iam.listAttachedUserPolicies("alice"));
        RequestPrincipal principal = new RequestPrincipal.User(alice.userId(), "alice");
        assertEquals(1, iam.identityPolicies(principal).size());
        assertEquals(List.of(), iam.identityPolicies(RequestPrincipal.ANONYMOUS));
        assertEquals(IamException.Reason.DELETE_CONFLICT,
                assertThrows(IamException.class, () -> iam.deletePolicy("read-photos")).reason());
        iam.detachUserPolicy("alice", "read-photos");
        assertEquals(List.of(), iam.identityPolicies(principal));
        iam.deletePolicy("read-photos");
        assertEquals(List.of(), iam.listPolicies());
    }

    @Test
    void policiesSurviveARestartOfTheService() {
        User alice = iam.createUser("alice");
        iam.createPolicy("read-photos", READ_ONLY);
        iam.attachUserPolicy("alice", "read-photos");
        open();
        assertEquals(1, iam.identityPolicies(new RequestPrincipal.User(alice.userId(), "alice")).size());
    }

    @Test
    void malformedOrDuplicatePoliciesAreRefused() {
        MalformedPolicyException e = assertThrows(MalformedPolicyException.class,
                () -> iam.createPolicy("bad", "[]"));
        assertEquals("Policies must be valid JSON and the first byte must be '{'", e.getMessage());
        iam.createPolicy("read-photos", READ_ONLY);
        assertEquals(IamException.Reason.ENTITY_ALREADY_EXISTS,
                assertThrows(IamException.class, () -> iam.createPolicy("read-photos", READ_ONLY)).reason());
        assertEquals(IamException.Reason.NO_SUCH_ENTITY,
                assertThrows(IamException.class, () -> iam.attachUserPolicy("nobody", "read-photos")).reason());
    }

    @Test
    void openCreatesRootCredentialsAndMasterKeyInTheDataDirectory() {
        IamService opened = IamService.open(dataDir, Map.of(), new FileIdentityStore(dataDir.resolve("store")));
        assertTrue(opened.rootCredentials().generated());
        assertTrue(opened.findCredential(opened.rootCredentials().accessKeyId()).orElseThrow().root());
    }
}

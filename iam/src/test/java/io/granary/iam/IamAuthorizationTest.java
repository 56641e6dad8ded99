package io.granary.iam;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may call IAM actions on which IAM resources, through {@link IamService#isAllowed}. */
class IamAuthorizationTest {
    @TempDir
    Path dataDir;
    private IamService iam;
    private String account;
    private Identity alice;

    @BeforeEach
    void open() {
        iam = TestIam.open(dataDir, new MutableClock());
        account = iam.systemAccount().accountId();
        iam.createUser(account, "alice", null, null);
        alice = iam.findCredential(iam.createAccessKey(account, "alice").accessKeyId()).orElseThrow();
    }

    @Test
    void anAccountRootMayDoAnythingInItsAccountAndAUserNothingWithoutAPolicy() {
        Identity root = iam.findCredential("ROOTKEY").orElseThrow();
        assertTrue(iam.isAllowed(root, "iam:DeleteUser", user("bob")));
        assertFalse(iam.isAllowed(alice, "iam:ListUsers", user("alice")));
    }

    @Test
    void aGroupPolicyGrantsIamActionsOnTheResourcesItNames() {
        iam.createGroup(account, "admins", null);
        iam.putInlinePolicy(EntityType.GROUP, account, "admins", "users", Policies.identity("{\"Effect\": \"Allow\","
                + " \"Action\": \"iam:*AccessKey*\", \"Resource\": \"arn:aws:iam::" + account + ":user/*\"}"));
        assertFalse(iam.isAllowed(alice, "iam:CreateAccessKey", user("bob")));
        iam.addUserToGroup(account, "admins", "alice");
        assertTrue(iam.isAllowed(alice, "iam:CreateAccessKey", user("bob")));
        assertFalse(iam.isAllowed(alice, "iam:DeleteUser", user("bob")));
        assertFalse(iam.isAllowed(alice, "iam:CreateAccessKey", "arn:aws:iam::" + account + ":role/app"));
    }

    @Test
    void aSessionPolicyLimitsIamActionsToo() {
        iam.putInlinePolicy(EntityType.USER, account, "alice", "all", Policies.ALLOW_ALL);
        TemporaryCredentials session = iam.getSessionToken(alice, 900);
        Identity temporary = iam.findSessionCredential(session.accessKeyId(), session.sessionToken());
        assertTrue(iam.isAllowed(temporary, "iam:ListUsers", user("alice")), "GetSessionToken has no session policy");
        iam.createRole(account, "reader", null, null, Policies.trust(iam.getUser(account, "alice").arn()), null);
        iam.putInlinePolicy(EntityType.ROLE, account, "reader", "all", Policies.ALLOW_ALL);
        TemporaryCredentials limited = iam.assumeRole(alice, iam.getRole(account, "reader").arn(), "s1", null,
                Policies.READ_PHOTOS);
        Identity role = iam.findSessionCredential(limited.accessKeyId(), limited.sessionToken());
        assertFalse(iam.isAllowed(role, "iam:ListUsers", user("alice")));
    }

    private String user(String name) {
        return IamArns.user(account, "/", name);
    }
}

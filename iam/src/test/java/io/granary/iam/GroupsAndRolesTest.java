package io.granary.iam;

import static io.granary.iam.IamServiceTest.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.iam.policy.Policy;
import io.granary.iam.policy.RequestPrincipal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Groups with members whose policies apply to them, and roles with validated trust policies. */
class GroupsAndRolesTest {
    @TempDir
    Path dataDir;
    private IamService iam;
    private String account;

    @BeforeEach
    void open() {
        iam = TestIam.open(dataDir, new MutableClock());
        account = iam.systemAccount().accountId();
    }

    @Test
    void membersAreAddedOnceListedByNameAndRemoved() {
        iam.createUser(account, "bob", null, null);
        iam.createUser(account, "alice", null, null);
        Group devs = iam.createGroup(account, "devs", "/eng/");
        iam.createGroup(account, "ops", null);
        assertEquals("arn:aws:iam::" + account + ":group/eng/devs", devs.arn());
        iam.addUserToGroup(account, "devs", "bob");
        iam.addUserToGroup(account, "devs", "alice");
        iam.addUserToGroup(account, "devs", "alice");
        iam.addUserToGroup(account, "ops", "alice");
        GroupMembers members = iam.getGroup(account, "devs");
        assertEquals(List.of("alice", "bob"), members.users().stream().map(User::name).toList());
        assertEquals(List.of("devs", "ops"), iam.listGroupsForUser(account, "alice").stream().map(Group::name)
                .toList());
        assertEquals(List.of("devs"), iam.listGroups(account, "/eng/").stream().map(Group::name).toList());
        iam.removeUserFromGroup(account, "devs", "alice");
        assertEquals(IamException.Reason.NO_SUCH_ENTITY, reason(() -> iam.removeUserFromGroup(account, "devs",
                "alice")));
        assertEquals(List.of("ops"), iam.listGroupsForUser(account, "alice").stream().map(Group::name).toList());
        assertEquals(IamException.Reason.ENTITY_ALREADY_EXISTS, reason(() -> iam.createGroup(account, "DEVS", null)));
    }

    @Test
    void aUsersEffectivePoliciesIncludeItsGroupsInlineAndManagedPolicies() {
        User alice = iam.createUser(account, "alice", null, null);
        iam.createGroup(account, "devs", null);
        ManagedPolicy write = iam.createPolicy(account, "write", null, null, Policies.WRITE_PHOTOS);
        iam.attachPolicy(EntityType.GROUP, account, "devs", write.arn());
        iam.putInlinePolicy(EntityType.GROUP, account, "devs", "read", Policies.READ_PHOTOS);
        RequestPrincipal principal = new RequestPrincipal.User(account, alice.userId(), "alice", "/");
        assertEquals(List.of(), iam.identityPolicies(principal));
        iam.addUserToGroup(account, "devs", "alice");
        assertEquals(List.of(Policy.parseIdentityPolicy(Policies.READ_PHOTOS),
                Policy.parseIdentityPolicy(Policies.WRITE_PHOTOS)), iam.identityPolicies(principal));
        iam.removeUserFromGroup(account, "devs", "alice");
        assertEquals(List.of(), iam.identityPolicies(principal), "leaving the group takes its policies away at once");
    }

    @Test
    void aGroupIsDeletedOnlyWithoutMembersAndPolicies() {
        iam.createUser(account, "alice", null, null);
        iam.createGroup(account, "devs", null);
        iam.addUserToGroup(account, "devs", "alice");
        iam.putInlinePolicy(EntityType.GROUP, account, "devs", "read", Policies.READ_PHOTOS);
        assertEquals(IamException.Reason.DELETE_CONFLICT, reason(() -> iam.deleteGroup(account, "devs")));
        iam.removeUserFromGroup(account, "devs", "alice");
        assertEquals(IamException.Reason.DELETE_CONFLICT, reason(() -> iam.deleteGroup(account, "devs")));
        iam.deleteInlinePolicy(EntityType.GROUP, account, "devs", "read");
        iam.deleteGroup(account, "devs");
        assertEquals(IamException.Reason.NO_SUCH_ENTITY, reason(() -> iam.getGroup(account, "devs")));
    }

    @Test
    void aRoleNeedsAValidTrustPolicyAndASessionDurationInRange() {
        String trust = Policies.trust("arn:aws:iam::" + account + ":root");
        Role role = iam.createRole(account, "app", "/svc/", "the app", trust, null);
        assertEquals("arn:aws:iam::" + account + ":role/svc/app", role.arn());
        assertEquals(3600, role.maxSessionDurationSeconds());
        assertEquals(role, iam.getRole(account, "APP"));
        String withResource = Policies.identity("{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"},"
                + " \"Action\": \"sts:AssumeRole\", \"Resource\": \"*\"}");
        String withoutPrincipal = Policies.identity("{\"Effect\": \"Allow\", \"Action\": \"sts:AssumeRole\"}");
        String s3Action = Policies.identity("{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"},"
                + " \"Action\": \"s3:GetObject\"}");
        for (String bad : List.of(withResource, withoutPrincipal, s3Action, "{}")) {
            assertEquals(IamException.Reason.MALFORMED_POLICY_DOCUMENT, reason(() -> iam.createRole(account, "r2",
                    null, null, bad, null)), bad);
            assertEquals(IamException.Reason.MALFORMED_POLICY_DOCUMENT, reason(() -> iam.updateAssumeRolePolicy(
                    account, "app", bad)), bad);
        }
        assertEquals(IamException.Reason.VALIDATION_ERROR, reason(() -> iam.createRole(account, "r2", null, null,
                trust, 3599)));
        assertEquals(IamException.Reason.VALIDATION_ERROR, reason(() -> iam.createRole(account, "r2", null, null,
                trust, 43_201)));
        assertEquals(43_200, iam.createRole(account, "r2", null, null, trust, 43_200).maxSessionDurationSeconds());
        assertEquals(IamException.Reason.ENTITY_ALREADY_EXISTS, reason(() -> iam.createRole(account, "r2", null, null,
                trust, null)));
        String other = Policies.trust("arn:aws:iam::" + account + ":user/alice");
        iam.updateAssumeRolePolicy(account, "app", other);
        assertEquals(other, iam.getRole(account, "app").trustPolicy());
        assertEquals(List.of("app", "r2"), iam.listRoles(account, null).stream().map(Role::name).toList());
    }

    @Test
    void aRoleIsDeletedOnlyWithoutPoliciesAndItsPoliciesApplyToItsSessions() {
        Role role = iam.createRole(account, "app", null, null, Policies.trust("arn:aws:iam::" + account + ":root"),
                null);
        iam.putInlinePolicy(EntityType.ROLE, account, "app", "read", Policies.READ_PHOTOS);
        RequestPrincipal session = new RequestPrincipal.AssumedRole(account, role.roleId(), "app", "s1");
        assertEquals(List.of(Policy.parseIdentityPolicy(Policies.READ_PHOTOS)), iam.identityPolicies(session));
        assertEquals(IamException.Reason.DELETE_CONFLICT, reason(() -> iam.deleteRole(account, "app")));
        iam.deleteInlinePolicy(EntityType.ROLE, account, "app", "read");
        iam.deleteRole(account, "app");
        assertTrue(iam.listRoles(account, null).isEmpty());
        assertEquals(List.of(), iam.identityPolicies(session));
    }
}

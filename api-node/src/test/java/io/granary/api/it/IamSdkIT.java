package io.granary.api.it;

import static io.granary.api.it.IamClients.assertAwsError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;

/**
 * The IAM API through the AWS SDK v2 {@code IamClient} with {@code endpointOverride}, unchanged:
 * users, access keys, inline and managed policies, groups and roles, with IAM's response shapes and
 * every IAM error code a client meets (status and code as AWS answers).
 */
@Timeout(120)
class IamSdkIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    static final String READ_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
    private static final String TRUST_ROOT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\"}]}";

    private static IamClient iam;

    @BeforeAll
    static void client() {
        iam = IamClients.iam(SERVER.endpoint(), IamClients.root());
    }

    @AfterAll
    static void close() {
        iam.close();
    }

    static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void userLifecycleWithPathsTagsAndPaging() {
        String a = name("alice");
        String b = name("bob");
        User created = iam.createUser(r -> r.userName(a).path("/apps/").tags(Tag.builder().key("team")
                .value("red").build())).user();
        assertEquals(a, created.userName());
        assertEquals("/apps/", created.path());
        String account = SERVER.node().iam().systemAccount().accountId();
        assertEquals("arn:aws:iam::" + account + ":user/apps/" + a, created.arn());
        assertNotNull(created.createDate());
        iam.createUser(r -> r.userName(b));

        User got = iam.getUser(r -> r.userName(a)).user();
        assertEquals(created.userId(), got.userId());
        assertEquals(List.of(Tag.builder().key("team").value("red").build()), got.tags());

        List<String> underApps = iam.listUsers(r -> r.pathPrefix("/apps/")).users().stream().map(User::userName)
                .toList();
        assertEquals(List.of(a), underApps);
        ListUsersResponse first = iam.listUsers(r -> r.maxItems(1));
        assertTrue(first.isTruncated());
        assertEquals(1, first.users().size());
        ListUsersResponse rest = iam.listUsers(r -> r.marker(first.marker()));
        assertFalse(rest.users().stream().anyMatch(u -> u.userName().equals(first.users().get(0).userName())));

        iam.tagUser(r -> r.userName(a).tags(Tag.builder().key("env").value("prod").build()));
        iam.untagUser(r -> r.userName(a).tagKeys("team"));
        assertEquals(List.of(Tag.builder().key("env").value("prod").build()),
                iam.listUserTags(r -> r.userName(a)).tags());

        String renamed = a + "-2";
        iam.updateUser(r -> r.userName(a).newUserName(renamed).newPath("/"));
        assertEquals("/", iam.getUser(r -> r.userName(renamed)).user().path());
        assertAwsError(404, "NoSuchEntity", () -> iam.getUser(r -> r.userName(a)));
        iam.deleteUser(r -> r.userName(renamed));
        iam.deleteUser(r -> r.userName(b));
        assertAwsError(404, "NoSuchEntity", () -> iam.deleteUser(r -> r.userName(b)));
    }

    @Test
    void userErrorsAsIamAnswersThem() {
        String user = name("dup");
        iam.createUser(r -> r.userName(user));
        assertAwsError(409, "EntityAlreadyExists", () -> iam.createUser(r -> r.userName(user)));
        assertAwsError(400, "ValidationError", () -> iam.createUser(r -> r.userName("no spaces allowed")));
        iam.createAccessKey(r -> r.userName(user));
        assertAwsError(409, "DeleteConflict", () -> iam.deleteUser(r -> r.userName(user)));
    }

    @Test
    void accessKeysTwoPerUserStatusAndLastUsed() {
        String user = name("keys");
        iam.createUser(r -> r.userName(user));
        AccessKey first = iam.createAccessKey(r -> r.userName(user)).accessKey();
        assertEquals(user, first.userName());
        assertEquals(StatusType.ACTIVE, first.status());
        assertEquals(20, first.accessKeyId().length());
        assertFalse(first.secretAccessKey().isEmpty());
        AccessKey second = iam.createAccessKey(r -> r.userName(user)).accessKey();
        assertAwsError(409, "LimitExceeded", () -> iam.createAccessKey(r -> r.userName(user)));

        List<String> listed = iam.listAccessKeys(r -> r.userName(user)).accessKeyMetadata().stream()
                .map(k -> k.accessKeyId()).sorted().toList();
        assertEquals(List.of(first.accessKeyId(), second.accessKeyId()).stream().sorted().toList(), listed);

        try (IamClient asUser = IamClients.iam(SERVER.endpoint(), IamClients.of(first))) {
            // No policy yet: authenticated, but not allowed.
            assertAwsError(403, "AccessDenied", () -> asUser.listUsers());
        }
        var lastUsed = iam.getAccessKeyLastUsed(r -> r.accessKeyId(first.accessKeyId()));
        assertEquals(user, lastUsed.userName());
        assertEquals("iam", lastUsed.accessKeyLastUsed().serviceName());
        assertNotNull(lastUsed.accessKeyLastUsed().lastUsedDate());

        iam.updateAccessKey(r -> r.userName(user).accessKeyId(second.accessKeyId()).status(StatusType.INACTIVE));
        assertEquals(StatusType.INACTIVE, iam.listAccessKeys(r -> r.userName(user)).accessKeyMetadata().stream()
                .filter(k -> k.accessKeyId().equals(second.accessKeyId())).findFirst().orElseThrow().status());
        try (IamClient disabled = IamClients.iam(SERVER.endpoint(), IamClients.of(second))) {
            assertAwsError(403, "InvalidClientTokenId", () -> disabled.listUsers());
        }
        iam.deleteAccessKey(r -> r.userName(user).accessKeyId(second.accessKeyId()));
        assertAwsError(404, "NoSuchEntity", () -> iam.deleteAccessKey(r -> r.userName(user)
                .accessKeyId(second.accessKeyId())));
    }

    @Test
    void managedPoliciesVersionsAttachmentAndConflicts() {
        String user = name("pol-user");
        String policyName = name("read-all");
        iam.createUser(r -> r.userName(user));
        assertAwsError(400, "MalformedPolicyDocument", () -> iam.createPolicy(r -> r.policyName(policyName)
                .policyDocument("{\"Statement\": 5}")));
        Policy policy = iam.createPolicy(r -> r.policyName(policyName).description("reads")
                .policyDocument(READ_ALL)).policy();
        assertEquals("v1", policy.defaultVersionId());
        assertTrue(policy.arn().endsWith(":policy/" + policyName), policy.arn());
        assertAwsError(409, "EntityAlreadyExists", () -> iam.createPolicy(r -> r.policyName(policyName)
                .policyDocument(READ_ALL)));
        String arn = policy.arn();
        for (int v = 2; v <= 5; v++) {
            iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(READ_ALL));
        }
        assertAwsError(409, "LimitExceeded", () -> iam.createPolicyVersion(r -> r.policyArn(arn)
                .policyDocument(READ_ALL)));
        iam.setDefaultPolicyVersion(r -> r.policyArn(arn).versionId("v3"));
        assertEquals("v3", iam.getPolicy(r -> r.policyArn(arn)).policy().defaultVersionId());
        var version = iam.getPolicyVersion(r -> r.policyArn(arn).versionId("v3")).policyVersion();
        assertTrue(version.isDefaultVersion());
        assertEquals(READ_ALL, URLDecoder.decode(version.document(), StandardCharsets.UTF_8));
        assertAwsError(409, "DeleteConflict", () -> iam.deletePolicyVersion(r -> r.policyArn(arn).versionId("v3")));
        assertEquals(5, iam.listPolicyVersions(r -> r.policyArn(arn)).versions().size());

        iam.attachUserPolicy(r -> r.userName(user).policyArn(arn));
        assertEquals(List.of(policyName), iam.listAttachedUserPolicies(r -> r.userName(user)).attachedPolicies()
                .stream().map(AttachedPolicy::policyName).toList());
        assertEquals(1, iam.getPolicy(r -> r.policyArn(arn)).policy().attachmentCount());
        assertTrue(iam.listPolicies(r -> r.scope("Local")).policies().stream().anyMatch(p -> p.arn().equals(arn)));
        assertAwsError(409, "DeleteConflict", () -> iam.deletePolicy(r -> r.policyArn(arn)));
        iam.detachUserPolicy(r -> r.userName(user).policyArn(arn));
        for (String v : List.of("v1", "v2", "v4", "v5")) {
            iam.deletePolicyVersion(r -> r.policyArn(arn).versionId(v));
        }
        iam.deletePolicy(r -> r.policyArn(arn));
        assertAwsError(404, "NoSuchEntity", () -> iam.getPolicy(r -> r.policyArn(arn)));
    }

    @Test
    void inlinePoliciesOfUsersGroupsAndRoles() {
        String user = name("inline");
        String group = name("g");
        String role = name("r");
        iam.createUser(r -> r.userName(user));
        iam.createGroup(r -> r.groupName(group));
        iam.createRole(r -> r.roleName(role).assumeRolePolicyDocument(TRUST_ROOT));
        iam.putUserPolicy(r -> r.userName(user).policyName("read").policyDocument(READ_ALL));
        iam.putGroupPolicy(r -> r.groupName(group).policyName("read").policyDocument(READ_ALL));
        iam.putRolePolicy(r -> r.roleName(role).policyName("read").policyDocument(READ_ALL));
        assertEquals(READ_ALL, URLDecoder.decode(iam.getUserPolicy(r -> r.userName(user).policyName("read"))
                .policyDocument(), StandardCharsets.UTF_8));
        assertEquals(List.of("read"), iam.listUserPolicies(r -> r.userName(user)).policyNames());
        assertEquals(List.of("read"), iam.listGroupPolicies(r -> r.groupName(group)).policyNames());
        assertEquals(List.of("read"), iam.listRolePolicies(r -> r.roleName(role)).policyNames());
        assertAwsError(404, "NoSuchEntity", () -> iam.getRolePolicy(r -> r.roleName(role).policyName("nope")));
        assertAwsError(400, "MalformedPolicyDocument", () -> iam.putUserPolicy(r -> r.userName(user)
                .policyName("bad").policyDocument("not json")));
        iam.deleteUserPolicy(r -> r.userName(user).policyName("read"));
        iam.deleteGroupPolicy(r -> r.groupName(group).policyName("read"));
        iam.deleteRolePolicy(r -> r.roleName(role).policyName("read"));
        assertEquals(List.of(), iam.listUserPolicies(r -> r.userName(user)).policyNames());
    }

    @Test
    void groupsWithMembers() {
        String user = name("member");
        String group = name("devs");
        iam.createUser(r -> r.userName(user));
        Group created = iam.createGroup(r -> r.groupName(group).path("/eng/")).group();
        assertTrue(created.arn().endsWith(":group/eng/" + group), created.arn());
        iam.addUserToGroup(r -> r.groupName(group).userName(user));
        var got = iam.getGroup(r -> r.groupName(group));
        assertEquals(group, got.group().groupName());
        assertEquals(List.of(user), got.users().stream().map(User::userName).toList());
        assertEquals(List.of(group), iam.listGroupsForUser(r -> r.userName(user)).groups().stream()
                .map(Group::groupName).toList());
        assertTrue(iam.listGroups(r -> r.pathPrefix("/eng/")).groups().stream()
                .anyMatch(g -> g.groupName().equals(group)));
        String arn = iam.createPolicy(r -> r.policyName(name("group-read")).policyDocument(READ_ALL)).policy().arn();
        iam.attachGroupPolicy(r -> r.groupName(group).policyArn(arn));
        assertEquals(List.of(arn), iam.listAttachedGroupPolicies(r -> r.groupName(group)).attachedPolicies().stream()
                .map(AttachedPolicy::policyArn).toList());
        iam.detachGroupPolicy(r -> r.groupName(group).policyArn(arn));
        assertAwsError(409, "DeleteConflict", () -> iam.deleteGroup(r -> r.groupName(group)));
        iam.removeUserFromGroup(r -> r.groupName(group).userName(user));
        iam.deleteGroup(r -> r.groupName(group));
        assertAwsError(404, "NoSuchEntity", () -> iam.getGroup(r -> r.groupName(group)));
    }

    @Test
    void rolesWithTrustPolicies() {
        String role = name("deployer");
        Role created = iam.createRole(r -> r.roleName(role).description("deploys").maxSessionDuration(7200)
                .assumeRolePolicyDocument(TRUST_ROOT)).role();
        assertTrue(created.arn().endsWith(":role/" + role), created.arn());
        Role got = iam.getRole(r -> r.roleName(role)).role();
        assertEquals(TRUST_ROOT, URLDecoder.decode(got.assumeRolePolicyDocument(), StandardCharsets.UTF_8));
        assertEquals(7200, got.maxSessionDuration());
        assertEquals("deploys", got.description());
        assertTrue(iam.listRoles().roles().stream().anyMatch(r -> r.roleName().equals(role)));
        String narrower = TRUST_ROOT.replace("\"*\"", "\"arn:aws:iam::" + SERVER.node().iam().systemAccount()
                .accountId() + ":root\"");
        iam.updateAssumeRolePolicy(r -> r.roleName(role).policyDocument(narrower));
        assertNotEquals(got.assumeRolePolicyDocument(), iam.getRole(r -> r.roleName(role)).role()
                .assumeRolePolicyDocument());
        assertAwsError(400, "MalformedPolicyDocument", () -> iam.createRole(r -> r.roleName(name("bad"))
                .assumeRolePolicyDocument("{}")));
        String arn = iam.createPolicy(r -> r.policyName(name("role-read")).policyDocument(READ_ALL)).policy().arn();
        iam.attachRolePolicy(r -> r.roleName(role).policyArn(arn));
        assertEquals(List.of(arn), iam.listAttachedRolePolicies(r -> r.roleName(role)).attachedPolicies().stream()
                .map(AttachedPolicy::policyArn).toList());
        assertAwsError(409, "DeleteConflict", () -> iam.deleteRole(r -> r.roleName(role)));
        iam.detachRolePolicy(r -> r.roleName(role).policyArn(arn));
        iam.deleteRole(r -> r.roleName(role));
        assertAwsError(404, "NoSuchEntity", () -> iam.getRole(r -> r.roleName(role)));
    }

    @Test
    void userMayCallIamActionsItsPolicyAllowsOnTheResourcesItNames() {
        String admin = name("delegate");
        String account = SERVER.node().iam().systemAccount().accountId();
        iam.createUser(r -> r.userName(admin));
        iam.putUserPolicy(r -> r.userName(admin).policyName("apps-admin").policyDocument("{\"Version\":"
                + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"iam:CreateUser\","
                + "\"iam:GetUser\",\"iam:DeleteUser\"],\"Resource\":\"arn:aws:iam::" + account + ":user/apps/*\"},"
                + "{\"Effect\":\"Deny\",\"Action\":\"iam:DeleteUser\",\"Resource\":\"*\"}]}"));
        AccessKey key = iam.createAccessKey(r -> r.userName(admin)).accessKey();
        String app = name("svc");
        try (IamClient delegate = IamClients.iam(SERVER.endpoint(), IamClients.of(key))) {
            assertEquals("/apps/", delegate.createUser(r -> r.userName(app).path("/apps/")).user().path());
            assertEquals(app, delegate.getUser(r -> r.userName(app)).user().userName());
            var denied = assertAwsError(403, "AccessDenied", () -> delegate.createUser(r -> r.userName(name("x"))));
            assertTrue(denied.awsErrorDetails().errorMessage().contains("iam:CreateUser"), denied::getMessage);
            assertAwsError(403, "AccessDenied", () -> delegate.deleteUser(r -> r.userName(app)));
            assertAwsError(403, "AccessDenied", () -> delegate.getUser(r -> r.userName(admin)));
            // Without UserName, GetUser asks about the caller itself, on its own ARN.
            assertAwsError(403, "AccessDenied", () -> delegate.getUser());
        }
        iam.deleteUser(r -> r.userName(app));
    }

    @Test
    void rootGetUserDescribesTheAccountRoot() {
        User root = iam.getUser().user();
        String account = SERVER.node().iam().systemAccount().accountId();
        assertEquals("arn:aws:iam::" + account + ":root", root.arn());
        assertEquals(account, root.userId());
    }
}

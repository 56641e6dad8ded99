package io.granary.iam;

import static io.granary.iam.IamServiceTest.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.granary.iam.policy.Policy;
import io.granary.iam.policy.RequestPrincipal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Managed policies with versions, their attachments, and inline policies of users, groups and roles. */
class ManagedPoliciesTest {
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
    void aPolicyHasAnArnAFirstDefaultVersionAndIsListedByName() {
        ManagedPolicy policy = iam.createPolicy(account, "read", "/team/", "reads photos", Policies.READ_PHOTOS);
        iam.createPolicy(account, "admin", null, null, Policies.ALLOW_ALL);
        assertEquals("arn:aws:iam::" + account + ":policy/team/read", policy.arn());
        assertEquals("v1", policy.defaultVersionId());
        assertEquals(Policies.READ_PHOTOS, iam.getPolicyVersion(account, policy.arn(), "v1").document());
        assertEquals(List.of("admin", "read"), names(iam.listPolicies(account, null, false)));
        assertEquals(List.of("read"), names(iam.listPolicies(account, "/team/", false)));
        assertEquals(List.of(), iam.listPolicies(account, null, true));
        assertEquals(IamException.Reason.ENTITY_ALREADY_EXISTS, reason(() -> iam.createPolicy(account, "READ", null,
                null, Policies.READ_PHOTOS)));
        assertEquals(IamException.Reason.NO_SUCH_ENTITY, reason(() -> iam.getPolicyVersion(account, policy.arn(),
                "v9")));
    }

    @Test
    void malformedDocumentsAreRefusedWithMalformedPolicyDocument() {
        IamException e = org.junit.jupiter.api.Assertions.assertThrows(IamException.class,
                () -> iam.createPolicy(account, "bad", null, null, "[]"));
        assertEquals(IamException.Reason.MALFORMED_POLICY_DOCUMENT, e.reason());
        assertEquals("Policies must be valid JSON and the first byte must be '{'", e.getMessage());
        String withPrincipal = Policies.identity("{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:*\","
                + " \"Resource\": \"*\"}");
        assertEquals(IamException.Reason.MALFORMED_POLICY_DOCUMENT, reason(() -> iam.createPolicy(account, "p", null,
                null, withPrincipal)));
        iam.createUser(account, "alice", null, null);
        assertEquals(IamException.Reason.MALFORMED_POLICY_DOCUMENT, reason(() -> iam.putInlinePolicy(EntityType.USER,
                account, "alice", "p", "{")));
    }

    @Test
    void atMostFiveVersionsAndTheDefaultDecidesWhatApplies() {
        iam.createUser(account, "alice", null, null);
        ManagedPolicy policy = iam.createPolicy(account, "p", null, null, Policies.READ_PHOTOS);
        iam.attachPolicy(EntityType.USER, account, "alice", policy.arn());
        RequestPrincipal alice = principal("alice");
        PolicyVersion v2 = iam.createPolicyVersion(account, policy.arn(), Policies.WRITE_PHOTOS, false);
        assertEquals("v2", v2.versionId());
        assertEquals(parsed(Policies.READ_PHOTOS), documents(alice));
        iam.setDefaultPolicyVersion(account, policy.arn(), "v2");
        assertEquals(parsed(Policies.WRITE_PHOTOS), documents(alice));
        iam.createPolicyVersion(account, policy.arn(), Policies.ALLOW_ALL, false);
        iam.createPolicyVersion(account, policy.arn(), Policies.ALLOW_ALL, false);
        iam.createPolicyVersion(account, policy.arn(), Policies.ALLOW_ALL, true);
        assertEquals(IamException.Reason.LIMIT_EXCEEDED, reason(() -> iam.createPolicyVersion(account, policy.arn(),
                Policies.ALLOW_ALL, false)));
        assertEquals("v5", iam.getPolicy(account, policy.arn()).defaultVersionId());
        assertEquals(IamException.Reason.DELETE_CONFLICT, reason(() -> iam.deletePolicyVersion(account, policy.arn(),
                "v5")));
        iam.deletePolicyVersion(account, policy.arn(), "v1");
        assertEquals("v6", iam.createPolicyVersion(account, policy.arn(), Policies.ALLOW_ALL, false).versionId(),
                "version ids are never reused");
        assertEquals(IamException.Reason.NO_SUCH_ENTITY, reason(() -> iam.setDefaultPolicyVersion(account,
                policy.arn(), "v1")));
    }

    @Test
    void aPolicyIsDeletedOnlyWhenDetachedAndWithoutOtherVersions() {
        iam.createUser(account, "alice", null, null);
        iam.createGroup(account, "devs", null);
        iam.createRole(account, "app", null, null, Policies.trust("arn:aws:iam::" + account + ":root"), null);
        ManagedPolicy policy = iam.createPolicy(account, "p", null, null, Policies.READ_PHOTOS);
        for (EntityType type : EntityType.values()) {
            String name = type == EntityType.USER ? "alice" : type == EntityType.GROUP ? "devs" : "app";
            iam.attachPolicy(type, account, name, policy.arn());
            iam.attachPolicy(type, account, name, policy.arn());
            assertEquals(List.of(policy.arn()), iam.listAttachedPolicies(type, account, name).stream()
                    .map(ManagedPolicy::arn).toList());
        }
        assertEquals(3, iam.policyAttachmentCount(account, policy.arn()));
        assertEquals(List.of("p"), names(iam.listPolicies(account, null, true)));
        assertEquals(IamException.Reason.DELETE_CONFLICT, reason(() -> iam.deletePolicy(account, policy.arn())));
        iam.detachPolicy(EntityType.USER, account, "alice", policy.arn());
        iam.detachPolicy(EntityType.GROUP, account, "devs", policy.arn());
        iam.detachPolicy(EntityType.ROLE, account, "app", policy.arn());
        assertEquals(IamException.Reason.NO_SUCH_ENTITY, reason(() -> iam.detachPolicy(EntityType.ROLE, account, "app",
                policy.arn())));
        iam.createPolicyVersion(account, policy.arn(), Policies.ALLOW_ALL, false);
        assertEquals(IamException.Reason.DELETE_CONFLICT, reason(() -> iam.deletePolicy(account, policy.arn())));
        iam.deletePolicyVersion(account, policy.arn(), "v2");
        iam.deletePolicy(account, policy.arn());
        assertEquals(IamException.Reason.NO_SUCH_ENTITY, reason(() -> iam.getPolicy(account, policy.arn())));
    }

    @Test
    void anIdentityHasAtMostTenAttachedPolicies() {
        iam.createUser(account, "alice", null, null);
        for (int i = 0; i < PolicyAdmin.ATTACHED_PER_ENTITY; i++) {
            iam.attachPolicy(EntityType.USER, account, "alice",
                    iam.createPolicy(account, "p" + i, null, null, Policies.READ_PHOTOS).arn());
        }
        String eleventh = iam.createPolicy(account, "p10", null, null, Policies.READ_PHOTOS).arn();
        assertEquals(IamException.Reason.LIMIT_EXCEEDED, reason(() -> iam.attachPolicy(EntityType.USER, account,
                "alice", eleventh)));
    }

    @Test
    void inlinePoliciesArePutReplacedListedAndDeletedForEachKindOfIdentity() {
        iam.createUser(account, "alice", null, null);
        iam.createGroup(account, "devs", null);
        iam.createRole(account, "app", null, null, Policies.trust("arn:aws:iam::" + account + ":root"), null);
        for (EntityType type : EntityType.values()) {
            String name = type == EntityType.USER ? "alice" : type == EntityType.GROUP ? "devs" : "app";
            iam.putInlinePolicy(type, account, name, "write", Policies.WRITE_PHOTOS);
            iam.putInlinePolicy(type, account, name, "read", Policies.WRITE_PHOTOS);
            iam.putInlinePolicy(type, account, name, "read", Policies.READ_PHOTOS);
            assertEquals(List.of("read", "write"), iam.listInlinePolicies(type, account, name));
            assertEquals(Policies.READ_PHOTOS, iam.getInlinePolicy(type, account, name, "read"));
            iam.deleteInlinePolicy(type, account, name, "write");
            assertEquals(IamException.Reason.NO_SUCH_ENTITY, reason(() -> iam.getInlinePolicy(type, account, name,
                    "write")));
            assertEquals(IamException.Reason.NO_SUCH_ENTITY, reason(() -> iam.deleteInlinePolicy(type, account, name,
                    "write")));
        }
        assertEquals(parsed(Policies.READ_PHOTOS), documents(principal("alice")));
        assertEquals(IamException.Reason.NO_SUCH_ENTITY, reason(() -> iam.putInlinePolicy(EntityType.GROUP, account,
                "nobody", "p", Policies.READ_PHOTOS)));
    }

    private RequestPrincipal principal(String userName) {
        User user = iam.getUser(account, userName);
        return new RequestPrincipal.User(account, user.userId(), user.name(), user.path());
    }

    /** The identity policies of a principal, as parsed records (which compare by content). */
    private List<Policy> documents(RequestPrincipal principal) {
        return iam.identityPolicies(principal);
    }

    private static List<Policy> parsed(String document) {
        return List.of(Policy.parseIdentityPolicy(document));
    }

    private static List<String> names(List<ManagedPolicy> policies) {
        return policies.stream().map(ManagedPolicy::name).toList();
    }
}

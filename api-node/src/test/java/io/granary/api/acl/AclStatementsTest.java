package io.granary.api.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.iam.policy.Decision;
import io.granary.iam.policy.Policy;
import io.granary.iam.policy.PolicyEvaluator;
import io.granary.iam.policy.RequestContext;
import io.granary.iam.policy.RequestPrincipal;
import io.granary.metadata.model.Acl;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ACL grants evaluated as resource-policy allows by the real PolicyEvaluator, and what counts as public. */
class AclStatementsTest {
    private static final String OWNER = "111111111111";
    private static final String OTHER = "222222222222";
    private static final String OTHER_CANONICAL = "b".repeat(64);
    private static final String OBJECT = RequestContext.objectArn("photos", "k");
    private static final RequestPrincipal ANONYMOUS = RequestPrincipal.ANONYMOUS;
    private static final RequestPrincipal OTHER_ROOT = new RequestPrincipal.AccountRoot(OTHER);
    private static final RequestPrincipal OTHER_USER = new RequestPrincipal.User(OTHER, "AIDA1", "app", "/");

    private static Acl acl(Acl.Grant... grants) {
        return new Acl("a".repeat(64), List.of(grants));
    }

    private static Decision decide(Acl acl, boolean onObject, RequestPrincipal caller, String action,
            List<Policy> identity, boolean ignorePublic) {
        String canonical = caller.accountId() == null ? null : caller.accountId().equals(OTHER) ? OTHER_CANONICAL
                : "a".repeat(64);
        return PolicyEvaluator.evaluate(RequestContext.of(caller, action, OBJECT), identity, null,
                new Policy("2012-10-17", null, AclStatements.of(acl, onObject, caller, canonical, ignorePublic)),
                OWNER);
    }

    @Test
    void anAllUsersReadGrantOnAnObjectLetsAnonymousCallersGetButNotPutItsAcl() {
        Acl publicRead = acl(new Acl.Grant(null, Permissions.ALL_USERS, Permissions.READ));
        assertEquals(Decision.ALLOW, decide(publicRead, true, ANONYMOUS, "s3:GetObject", List.of(), false));
        assertEquals(Decision.DEFAULT_DENY, decide(publicRead, true, ANONYMOUS, "s3:PutObjectAcl", List.of(), false));
        assertEquals(Decision.DEFAULT_DENY, decide(publicRead, true, ANONYMOUS, "s3:GetObject", List.of(), true));
        // On a bucket, READ is listing, not reading objects.
        assertEquals(Decision.DEFAULT_DENY, decide(publicRead, false, ANONYMOUS, "s3:GetObject", List.of(), false));
        assertEquals(Decision.ALLOW, decide(publicRead, false, ANONYMOUS, "s3:ListBucket", List.of(), false));
    }

    @Test
    void authenticatedUsersExcludesAnonymousCallers() {
        Acl authenticated = acl(new Acl.Grant(null, Permissions.AUTHENTICATED_USERS, Permissions.READ));
        assertEquals(Decision.DEFAULT_DENY, decide(authenticated, true, ANONYMOUS, "s3:GetObject", List.of(), false));
        assertEquals(Decision.ALLOW, decide(authenticated, true, OTHER_ROOT, "s3:GetObject", List.of(), false));
    }

    @Test
    void anAccountGrantLetsItsRootInAndItsUsersOnlyWithTheirOwnPolicy() {
        Acl granted = acl(new Acl.Grant(OTHER_CANONICAL, null, Permissions.FULL_CONTROL));
        assertEquals(Decision.ALLOW, decide(granted, true, OTHER_ROOT, "s3:PutObjectAcl", List.of(), false));
        assertEquals(Decision.DEFAULT_DENY, decide(granted, true, OTHER_USER, "s3:GetObject", List.of(), false));
        Policy allowGet = Policy.parseIdentityPolicy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}");
        assertEquals(Decision.ALLOW, decide(granted, true, OTHER_USER, "s3:GetObject", List.of(allowGet), false));
        assertEquals(Decision.DEFAULT_DENY, decide(granted, true, new RequestPrincipal.AccountRoot("333333333333"),
                "s3:GetObject", List.of(), false));
    }

    @Test
    void publicAclsAndPoliciesAreRecognised() {
        assertTrue(PublicAccess.isPublic(acl(new Acl.Grant(null, Permissions.AUTHENTICATED_USERS, "READ"))));
        assertFalse(PublicAccess.isPublic(acl(new Acl.Grant(null, Permissions.LOG_DELIVERY, "WRITE"))));
        assertFalse(PublicAccess.isPublic((Acl) null));
        String open = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::photos/*\"%s}]}";
        assertTrue(PublicAccess.isPublic(Policy.parseBucketPolicy(String.format(open, ""))));
        assertFalse(PublicAccess.isPublic(Policy.parseBucketPolicy(String.format(open,
                ",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}"))));
        assertTrue(PublicAccess.isPublic(Policy.parseBucketPolicy(String.format(open,
                ",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"}}"))));
        assertFalse(PublicAccess.isPublic(Policy.parseBucketPolicy(String.format(open, "")
                .replace("\"*\"", "{\"AWS\":\"" + OTHER + "\"}"))));
    }
}

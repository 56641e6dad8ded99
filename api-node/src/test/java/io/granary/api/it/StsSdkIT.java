package io.granary.api.it;

import static io.granary.api.it.IamClients.assertAwsError;
import static io.granary.api.it.IamSdkIT.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * STS through the AWS SDK v2 {@code StsClient}: GetCallerIdentity for roots, users and sessions,
 * GetSessionToken, AssumeRole with a trust policy and a session policy, temporary credentials used
 * on IAM and STS, and the end of a session when its role is deleted.
 */
@Timeout(120)
class StsSdkIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private static IamClient iam;
    private static String account;

    @BeforeAll
    static void client() {
        iam = IamClients.iam(SERVER.endpoint(), IamClients.root());
        account = SERVER.node().iam().systemAccount().accountId();
    }

    @AfterAll
    static void close() {
        iam.close();
    }

    private static AccessKey userWithPolicy(String user, String policy) {
        iam.createUser(r -> r.userName(user));
        if (policy != null) iam.putUserPolicy(r -> r.userName(user).policyName("p").policyDocument(policy));
        return iam.createAccessKey(r -> r.userName(user)).accessKey();
    }

    private static String allow(String action) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"" + action
                + "\",\"Resource\":\"*\"}]}";
    }

    @Test
    void getCallerIdentityForRootAndUserNeedsNoPermission() {
        try (StsClient root = IamClients.sts(SERVER.endpoint(), IamClients.root())) {
            GetCallerIdentityResponse me = root.getCallerIdentity();
            assertEquals(account, me.account());
            assertEquals("arn:aws:iam::" + account + ":root", me.arn());
            assertEquals(account, me.userId());
        }
        String user = name("who");
        AccessKey key = userWithPolicy(user, null);
        try (StsClient sts = IamClients.sts(SERVER.endpoint(), IamClients.of(key))) {
            GetCallerIdentityResponse me = sts.getCallerIdentity();
            assertEquals("arn:aws:iam::" + account + ":user/" + user, me.arn());
            assertEquals(iam.getUser(r -> r.userName(user)).user().userId(), me.userId());
        }
    }

    @Test
    void sessionTokenActsAsTheUserOnIamAndSts() {
        String user = name("session");
        AccessKey key = userWithPolicy(user, allow("iam:ListUsers"));
        Credentials session;
        try (StsClient sts = IamClients.sts(SERVER.endpoint(), IamClients.of(key))) {
            session = sts.getSessionToken(r -> r.durationSeconds(900)).credentials();
            assertAwsError(400, "ValidationError", () -> sts.getSessionToken(r -> r.durationSeconds(100)));
        }
        assertTrue(session.accessKeyId().startsWith("ASIA") || !session.accessKeyId().equals(key.accessKeyId()));
        assertTrue(session.expiration().isAfter(Instant.now().plus(Duration.ofMinutes(14))), session::toString);
        try (StsClient asSession = IamClients.sts(SERVER.endpoint(), IamClients.of(session));
                IamClient iamAsSession = IamClients.iam(SERVER.endpoint(), IamClients.of(session))) {
            assertEquals("arn:aws:iam::" + account + ":user/" + user, asSession.getCallerIdentity().arn());
            assertTrue(iamAsSession.listUsers().users().stream().anyMatch(u -> u.userName().equals(user)));
            assertAwsError(403, "AccessDenied", () -> iamAsSession.listRoles());
        }
        Credentials forged = session.toBuilder().sessionToken(session.sessionToken().substring(0, 20) + "AAAA"
                + session.sessionToken().substring(24)).build();
        try (StsClient tampered = IamClients.sts(SERVER.endpoint(), IamClients.of(forged))) {
            assertAwsError(403, "InvalidClientTokenId", tampered::getCallerIdentity);
        }
    }

    @Test
    void assumeRoleWithTrustAndSessionPolicyUntilTheRoleIsDeleted() {
        String user = name("assumer");
        String outsider = name("outsider");
        String role = name("reader");
        AccessKey key = userWithPolicy(user, null);
        AccessKey outsiderKey = userWithPolicy(outsider, null);
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::" + account + ":user/" + user + "\"},\"Action\":\"sts:AssumeRole\"}]}";
        String roleArn = iam.createRole(r -> r.roleName(role).assumeRolePolicyDocument(trust)).role().arn();
        iam.putRolePolicy(r -> r.roleName(role).policyName("list").policyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"iam:ListUsers\",\"iam:ListRoles\"],"
                + "\"Resource\":\"*\"}]}"));
        AssumeRoleResponse assumed;
        try (StsClient sts = IamClients.sts(SERVER.endpoint(), IamClients.of(key));
                StsClient other = IamClients.sts(SERVER.endpoint(), IamClients.of(outsiderKey))) {
            assertAwsError(403, "AccessDenied", () -> other.assumeRole(r -> r.roleArn(roleArn)
                    .roleSessionName("sneaky")));
            assumed = sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("build-42").durationSeconds(900)
                    .policy(allow("iam:ListRoles")));
        }
        String sessionArn = "arn:aws:sts::" + account + ":assumed-role/" + role + "/build-42";
        assertEquals(sessionArn, assumed.assumedRoleUser().arn());
        assertTrue(assumed.assumedRoleUser().assumedRoleId().endsWith(":build-42"));
        try (StsClient asRole = IamClients.sts(SERVER.endpoint(), IamClients.of(assumed.credentials()));
                IamClient iamAsRole = IamClients.iam(SERVER.endpoint(), IamClients.of(assumed.credentials()))) {
            assertEquals(sessionArn, asRole.getCallerIdentity().arn());
            assertTrue(iamAsRole.listRoles().roles().stream().anyMatch(r -> r.roleName().equals(role)));
            // The session policy intersects the role's: ListUsers is the role's, not the session's.
            assertAwsError(403, "AccessDenied", iamAsRole::listUsers);
            iam.deleteRolePolicy(r -> r.roleName(role).policyName("list"));
            iam.deleteRole(r -> r.roleName(role));
            assertAwsError(403, "InvalidClientTokenId", asRole::getCallerIdentity);
        }
    }

    @Test
    void unsignedWebIdentityCallsAreRefusedAsUnsupported() {
        try (StsClient anonymous = StsClient.builder().endpointOverride(SERVER.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create()).build()) {
            assertAwsError(400, "InvalidAction", () -> anonymous.assumeRoleWithWebIdentity(r -> r
                    .roleArn("arn:aws:iam::" + account + ":role/x").roleSessionName("s").webIdentityToken("t")));
        }
    }

    @Test
    void unknownKeysAndUnknownActions() {
        try (StsClient stranger = IamClients.sts(SERVER.endpoint(), software.amazon.awssdk.auth.credentials
                .AwsBasicCredentials.create("GKNOSUCHKEY000000000", "secret"))) {
            assertAwsError(403, "InvalidClientTokenId", stranger::getCallerIdentity);
        }
        try (IamClient wrongSecret = IamClients.iam(SERVER.endpoint(), software.amazon.awssdk.auth.credentials
                .AwsBasicCredentials.create(GranaryServerExtension.ACCESS_KEY, "wrong"))) {
            assertAwsError(403, "SignatureDoesNotMatch", wrongSecret::listUsers);
        }
    }
}

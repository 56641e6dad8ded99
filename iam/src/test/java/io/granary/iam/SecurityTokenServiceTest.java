package io.granary.iam;

import static io.granary.iam.IamServiceTest.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.iam.policy.RequestPrincipal;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** STS: GetSessionToken and AssumeRole, and the self-contained session tokens they issue. */
class SecurityTokenServiceTest {
    private static final String ASSUME_ANY_ROLE = Policies.identity(
            "{\"Effect\": \"Allow\", \"Action\": \"sts:AssumeRole\", \"Resource\": \"*\"}");

    @TempDir
    Path dataDir;
    private final MutableClock clock = new MutableClock();
    private IamService iam;
    private String account;
    private Identity alice;

    @BeforeEach
    void open() {
        iam = TestIam.open(dataDir, clock);
        account = iam.systemAccount().accountId();
        iam.createUser(account, "alice", null, null);
        alice = iam.findCredential(iam.createAccessKey(account, "alice").accessKeyId()).orElseThrow();
    }

    @Test
    void aSessionTokenActsAsTheUserUntilItExpires() {
        TemporaryCredentials session = iam.getSessionToken(alice, 900);
        assertTrue(session.accessKeyId().matches("ASIA[A-Z0-9]{16}"), session.accessKeyId());
        assertEquals(clock.instant().plusSeconds(900), session.expiration());
        Identity identity = iam.findSessionCredential(session.accessKeyId(), session.sessionToken());
        assertEquals(alice.principal(), identity.principal());
        assertEquals(session.secretAccessKey(), identity.secretKey());
        assertTrue(identity.temporary());
        assertTrue(iam.findCredential(session.accessKeyId()).isEmpty(), "temporary keys need their token");
        clock.advance(Duration.ofSeconds(899));
        iam.findSessionCredential(session.accessKeyId(), session.sessionToken());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(IamException.Reason.EXPIRED_TOKEN, reason(() -> iam.findSessionCredential(session.accessKeyId(),
                session.sessionToken())));
    }

    @Test
    void sessionDurationsAreBoundedAsOnAws() {
        assertEquals(clock.instant().plusSeconds(43_200), iam.getSessionToken(alice, null).expiration());
        assertEquals(IamException.Reason.VALIDATION_ERROR, reason(() -> iam.getSessionToken(alice, 899)));
        iam.getSessionToken(alice, 129_600);
        assertEquals(IamException.Reason.VALIDATION_ERROR, reason(() -> iam.getSessionToken(alice, 129_601)));
        Identity root = iam.findCredential("ROOTKEY").orElseThrow();
        TemporaryCredentials rootSession = iam.getSessionToken(root, null);
        assertEquals(clock.instant().plusSeconds(3600), rootSession.expiration());
        assertEquals(new RequestPrincipal.AccountRoot(account), iam.findSessionCredential(rootSession.accessKeyId(),
                rootSession.sessionToken()).principal());
        assertEquals(IamException.Reason.VALIDATION_ERROR, reason(() -> iam.getSessionToken(root, 3601)));
        TemporaryCredentials session = iam.getSessionToken(alice, 900);
        Identity temporary = iam.findSessionCredential(session.accessKeyId(), session.sessionToken());
        assertEquals(IamException.Reason.ACCESS_DENIED, reason(() -> iam.getSessionToken(temporary, 900)));
    }

    @Test
    void aTamperedForeignOrMismatchedTokenIsInvalid() {
        TemporaryCredentials session = iam.getSessionToken(alice, 900);
        String token = session.sessionToken();
        char last = token.charAt(token.length() / 2);
        String tampered = token.substring(0, token.length() / 2) + (last == 'A' ? 'B' : 'A')
                + token.substring(token.length() / 2 + 1);
        assertEquals(IamException.Reason.INVALID_TOKEN, reason(() -> iam.findSessionCredential(session.accessKeyId(),
                tampered)));
        assertEquals(IamException.Reason.INVALID_TOKEN, reason(() -> iam.findSessionCredential(session.accessKeyId(),
                "not-a-token!")));
        assertEquals(IamException.Reason.INVALID_TOKEN, reason(() -> iam.findSessionCredential(session.accessKeyId(),
                "")));
        TemporaryCredentials other = iam.getSessionToken(alice, 900);
        assertEquals(IamException.Reason.INVALID_TOKEN, reason(() -> iam.findSessionCredential(other.accessKeyId(),
                token)), "a token belongs to its own key id");
        // The store re-sealed under a replacing master key: sessions sealed under the old one end.
        IamService otherMasterKey = new IamService(new FileIdentityStore(dataDir), new SecretCipher(new byte[]{
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28,
            29, 30, 31, 32}), new SecretCipher(new byte[32]), new RootCredentials("ROOTKEY", "rootsecret", false),
            clock);
        assertEquals(IamException.Reason.INVALID_TOKEN, reason(() -> otherMasterKey.findSessionCredential(
                session.accessKeyId(), token)));
    }

    @Test
    void aTokenIsNotReadableWithoutTheMasterKey() {
        TemporaryCredentials session = iam.getSessionToken(alice, 900);
        String decoded = new String(java.util.Base64.getUrlDecoder().decode(session.sessionToken()),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(!decoded.contains(session.secretAccessKey()) && !decoded.contains("alice")
                && !decoded.contains(session.accessKeyId()), "the claims are encrypted");
        assertTrue(!session.toString().contains(session.sessionToken()));
    }

    @Test
    void deletingTheUserEndsItsSessions() {
        TemporaryCredentials session = iam.getSessionToken(alice, 900);
        iam.deleteAccessKey(account, "alice", alice.accessKeyId());
        iam.findSessionCredential(session.accessKeyId(), session.sessionToken());
        iam.deleteUser(account, "alice");
        assertEquals(IamException.Reason.INVALID_TOKEN, reason(() -> iam.findSessionCredential(session.accessKeyId(),
                session.sessionToken())));
    }

    @Test
    void aRoleIsAssumedWhenItsTrustPolicyNamesTheUser() {
        Role role = iam.createRole(account, "app", null, null, Policies.trust(iam.getUser(account, "alice").arn()),
                7200);
        TemporaryCredentials session = iam.assumeRole(alice, role.arn(), "build-42", null, null);
        RequestPrincipal expected = new RequestPrincipal.AssumedRole(account, role.roleId(), "app", "build-42");
        assertEquals(expected, session.principal());
        assertEquals("arn:aws:sts::" + account + ":assumed-role/app/build-42", session.principal().arn());
        assertEquals(clock.instant().plusSeconds(3600), session.expiration());
        Identity identity = iam.findSessionCredential(session.accessKeyId(), session.sessionToken());
        assertEquals(expected, identity.principal());
        assertEquals(clock.instant().plusSeconds(7200), iam.assumeRole(alice, role.arn(), "s1", 7200, null)
                .expiration());
        assertEquals(IamException.Reason.VALIDATION_ERROR, reason(() -> iam.assumeRole(alice, role.arn(), "s1", 7201,
                null)), "capped by the role's MaxSessionDuration");
        assertEquals(IamException.Reason.VALIDATION_ERROR, reason(() -> iam.assumeRole(alice, role.arn(), "s1", 899,
                null)));
    }

    @Test
    void sessionNamesRoleArnsAndSessionPoliciesAreValidated() {
        Role role = iam.createRole(account, "app", null, null, Policies.trust(iam.getUser(account, "alice").arn()),
                null);
        for (String bad : new String[] {"x", "has space", "a".repeat(65), "semi;colon"}) {
            assertEquals(IamException.Reason.VALIDATION_ERROR, reason(() -> iam.assumeRole(alice, role.arn(), bad,
                    null, null)), bad);
        }
        iam.assumeRole(alice, role.arn(), "ok=+,.@_-", null, null);
        assertEquals(IamException.Reason.VALIDATION_ERROR, reason(() -> iam.assumeRole(alice, "arn:aws:iam::x:role/a",
                "s1", null, null)));
        assertEquals(IamException.Reason.ACCESS_DENIED, reason(() -> iam.assumeRole(alice,
                "arn:aws:iam::" + account + ":role/missing", "s1", null, null)), "a missing role is not revealed");
        assertEquals(IamException.Reason.MALFORMED_POLICY_DOCUMENT, reason(() -> iam.assumeRole(alice, role.arn(),
                "s1", null, "{")));
        String padded = Policies.READ_PHOTOS.replace("{\"Version\"", "{" + " ".repeat(2049) + "\"Version\"");
        assertEquals(IamException.Reason.VALIDATION_ERROR, reason(() -> iam.assumeRole(alice, role.arn(), "s1", null,
                padded)), "session policies are limited to 2048 characters, as STS");
    }

    @Test
    void theTrustPolicyMustAdmitTheCaller() {
        iam.createUser(account, "bob", null, null);
        Identity bob = iam.findCredential(iam.createAccessKey(account, "bob").accessKeyId()).orElseThrow();
        Role role = iam.createRole(account, "app", null, null, Policies.trust(iam.getUser(account, "alice").arn()),
                null);
        assertEquals(IamException.Reason.ACCESS_DENIED, reason(() -> iam.assumeRole(bob, role.arn(), "s1", null,
                null)));
        Identity root = iam.findCredential("ROOTKEY").orElseThrow();
        assertEquals(IamException.Reason.ACCESS_DENIED, reason(() -> iam.assumeRole(root, role.arn(), "s1", null,
                null)), "roots do not assume roles");
        iam.updateAssumeRolePolicy(account, "app", Policies.trust("arn:aws:iam::" + account + ":root"));
        assertEquals(IamException.Reason.ACCESS_DENIED, reason(() -> iam.assumeRole(bob, role.arn(), "s1", null,
                null)), "naming the own account delegates to identity policies, which bob lacks");
        iam.putInlinePolicy(EntityType.USER, account, "bob", "assume", ASSUME_ANY_ROLE);
        iam.assumeRole(bob, role.arn(), "s1", null, null);
    }

    @Test
    void aRoleOfAnotherAccountNeedsItsTrustAndTheCallersOwnPermission() {
        CreatedAccount tenant = iam.createAccount("tenant-b");
        String other = tenant.account().accountId();
        iam.createUser(other, "carol", null, null);
        Identity carol = iam.findCredential(iam.createAccessKey(other, "carol").accessKeyId()).orElseThrow();
        Role role = iam.createRole(account, "shared", null, null, Policies.trust("arn:aws:iam::" + other + ":root"),
                null);
        assertEquals(IamException.Reason.ACCESS_DENIED, reason(() -> iam.assumeRole(carol, role.arn(), "x1", null,
                null)), "the caller's own account must allow it too");
        iam.putInlinePolicy(EntityType.USER, other, "carol", "assume", ASSUME_ANY_ROLE);
        TemporaryCredentials session = iam.assumeRole(carol, role.arn(), "x1", null, null);
        assertEquals(account, session.principal().accountId(), "the session belongs to the role's account");
        iam.putInlinePolicy(EntityType.USER, account, "alice", "assume", ASSUME_ANY_ROLE);
        assertEquals(IamException.Reason.ACCESS_DENIED, reason(() -> iam.assumeRole(alice, role.arn(), "x2", null,
                null)), "the trust names tenant-b only");
    }

    @Test
    void sessionPoliciesTravelInTheTokenRolesChainAndDeletingTheRoleEndsItsSessions() {
        String trust = Policies.identity("{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": [\""
                + iam.getUser(account, "alice").arn() + "\", \"arn:aws:iam::" + account + ":role/app\"]},"
                + " \"Action\": \"sts:AssumeRole\"}");
        Role role = iam.createRole(account, "app", null, null, trust, null);
        TemporaryCredentials session = iam.assumeRole(alice, role.arn(), "s1", 900, Policies.READ_PHOTOS);
        Identity identity = iam.findSessionCredential(session.accessKeyId(), session.sessionToken());
        assertEquals(io.granary.iam.policy.Policy.parseIdentityPolicy(Policies.READ_PHOTOS), identity.sessionPolicy());
        assertEquals(IamException.Reason.ACCESS_DENIED, reason(() -> iam.assumeRole(identity, role.arn(), "s2", null,
                null)), "the session policy limits the session's own sts:AssumeRole too");
        TemporaryCredentials unlimited = iam.assumeRole(alice, role.arn(), "s3", 900, null);
        Identity unlimitedIdentity = iam.findSessionCredential(unlimited.accessKeyId(), unlimited.sessionToken());
        TemporaryCredentials chained = iam.assumeRole(unlimitedIdentity, role.arn(), "s4", null, null);
        assertNotEquals(unlimited.accessKeyId(), chained.accessKeyId());
        assertEquals(IamException.Reason.VALIDATION_ERROR, reason(() -> iam.assumeRole(unlimitedIdentity, role.arn(),
                "s5", 3601, null)), "a chained session lasts at most an hour");
        iam.deleteRole(account, "app");
        assertEquals(IamException.Reason.INVALID_TOKEN, reason(() -> iam.findSessionCredential(session.accessKeyId(),
                session.sessionToken())));
        iam.createRole(account, "app", null, null, Policies.trust(iam.getUser(account, "alice").arn()), null);
        assertEquals(IamException.Reason.INVALID_TOKEN, reason(() -> iam.findSessionCredential(session.accessKeyId(),
                session.sessionToken())), "a new role of the same name is another role");
    }
}

package io.granary.iam;

import io.granary.iam.policy.Decision;
import io.granary.iam.policy.Policy;
import io.granary.iam.policy.PolicyEvaluator;
import io.granary.iam.policy.RequestContext;
import io.granary.iam.policy.RequestPrincipal;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * STS: temporary credentials from GetSessionToken (the caller itself, for a while) and AssumeRole
 * (a session of a role whose trust policy admits the caller), and their verification. Nothing is
 * stored: the session token carries the session ({@link SessionTokens}), and verifying it checks
 * that its user or role still exists, so deleting either ends its sessions.
 */
final class SecurityTokenService {
    static final int MIN_DURATION = 900;
    static final int USER_SESSION_MAX = 129_600;
    static final int USER_SESSION_DEFAULT = 43_200;
    static final int ROOT_SESSION_MAX = 3600;
    static final int ROLE_SESSION_DEFAULT = 3600;
    /** A session of a role assuming another role (role chaining) lasts at most an hour, as on AWS. */
    static final int CHAINED_SESSION_MAX = 3600;
    /** STS's limit on an inline session policy, in characters; it travels inside every session token. */
    static final int MAX_SESSION_POLICY = 2048;
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):role(/|/.*/)([\\w+=,.@-]+)");

    private final Directory dir;
    private final SessionTokens tokens;
    private final EffectivePolicies effective;
    private final PolicyDocuments documents;
    private final Clock clock;

    SecurityTokenService(Directory dir, SessionTokens tokens, EffectivePolicies effective, PolicyDocuments documents,
            Clock clock) {
        this.dir = dir;
        this.tokens = tokens;
        this.effective = effective;
        this.documents = documents;
        this.clock = clock;
    }

    /**
     * Temporary credentials for a user (900..129600 s, default 43200) or an account root (900..3600 s,
     * default 3600) signing with long-term keys; refused for temporary credentials, as on AWS.
     */
    TemporaryCredentials getSessionToken(Identity caller, Integer durationSeconds) {
        if (caller.temporary()) {
            throw new IamException(IamException.Reason.ACCESS_DENIED,
                    "Cannot call GetSessionToken with session credentials.");
        }
        boolean root = caller.principal() instanceof RequestPrincipal.AccountRoot;
        int seconds = duration(durationSeconds, root ? ROOT_SESSION_MAX : USER_SESSION_DEFAULT,
                root ? ROOT_SESSION_MAX : USER_SESSION_MAX);
        return issue(caller.principal(), seconds, null);
    }

    /**
     * A session of the role named by {@code roleArn}, if its trust policy and the caller's own
     * policies allow {@code sts:AssumeRole} (both when the caller is of another account).
     *
     * @param durationSeconds 900..the role's MaxSessionDuration, null for 3600
     * @param sessionPolicy an identity policy intersecting the role's, or null
     */
    TemporaryCredentials assumeRole(Identity caller, String roleArn, String sessionName, Integer durationSeconds,
            String sessionPolicy) {
        Names.require(Names.SESSION, sessionName, "roleSessionName");
        if (sessionPolicy != null) {
            if (sessionPolicy.length() > MAX_SESSION_POLICY) {
                throw IamException.validation("Value at 'policy' failed to satisfy constraint: Member must have length"
                        + " less than or equal to " + MAX_SESSION_POLICY);
            }
            documents.identity(sessionPolicy);
        }
        if (caller.principal() instanceof RequestPrincipal.AccountRoot) {
            throw new IamException(IamException.Reason.ACCESS_DENIED, "Roles may not be assumed by root accounts.");
        }
        Role role = role(roleArn).orElseThrow(() -> notAuthorized(caller, roleArn));
        RequestContext request = RequestContext.of(caller.principal(), "sts:AssumeRole", role.arn());
        Decision decision = PolicyEvaluator.evaluateAssumeRole(request, effective.of(caller.principal()),
                caller.sessionPolicy(),
                documents.trust(role.trustPolicy()), role.accountId());
        if (!decision.allowed()) throw notAuthorized(caller, roleArn);
        int max = caller.principal() instanceof RequestPrincipal.AssumedRole ? CHAINED_SESSION_MAX
                : role.maxSessionDurationSeconds();
        int seconds = duration(durationSeconds, Math.min(ROLE_SESSION_DEFAULT, max), max);
        RequestPrincipal session = new RequestPrincipal.AssumedRole(role.accountId(), role.roleId(), role.name(),
                sessionName);
        return issue(session, seconds, sessionPolicy);
    }

    /**
     * The identity of temporary credentials.
     *
     * @throws IamException INVALID_TOKEN for a token that does not open, belongs to another key, or
     *     whose user, role or account is gone; EXPIRED_TOKEN after its expiry
     */
    Identity find(String accessKeyId, String sessionToken) {
        if (sessionToken == null || sessionToken.isEmpty()) throw SessionTokens.invalid();
        SessionTokens.Claims claims = tokens.open(sessionToken);
        if (!claims.accessKeyId().equals(accessKeyId)) throw SessionTokens.invalid();
        if (clock.millis() >= claims.expiresEpochMillis()) {
            throw new IamException(IamException.Reason.EXPIRED_TOKEN,
                    "The security token included in the request is expired");
        }
        RequestPrincipal principal = switch (claims.type()) {
            case "user" -> dir.users.get(claims.principalId()).filter(u -> u.accountId().equals(claims.accountId()))
                    .map(u -> (RequestPrincipal) new RequestPrincipal.User(u.accountId(), u.userId(), u.name(),
                            u.path())).orElseThrow(SessionTokens::invalid);
            case "role" -> dir.roles.get(claims.principalId()).filter(r -> r.accountId().equals(claims.accountId()))
                    .map(r -> (RequestPrincipal) new RequestPrincipal.AssumedRole(r.accountId(), r.roleId(), r.name(),
                            claims.sessionName())).orElseThrow(SessionTokens::invalid);
            default -> dir.accounts.get(claims.accountId())
                    .map(a -> (RequestPrincipal) new RequestPrincipal.AccountRoot(a.accountId()))
                    .orElseThrow(SessionTokens::invalid);
        };
        Policy sessionPolicy = claims.sessionPolicy() == null ? null : documents.identity(claims.sessionPolicy());
        return new Identity(accessKeyId, claims.secretKey(), principal, sessionPolicy,
                Instant.ofEpochMilli(claims.expiresEpochMillis()));
    }

    private TemporaryCredentials issue(RequestPrincipal principal, int seconds, String sessionPolicy) {
        String accessKeyId = CredentialGenerator.temporaryAccessKeyId();
        String secret = CredentialGenerator.secretKey();
        long expires = clock.millis() + seconds * 1000L;
        String token = tokens.seal(SessionTokens.Claims.of(accessKeyId, secret, principal, expires, sessionPolicy));
        return new TemporaryCredentials(accessKeyId, secret, token, Instant.ofEpochMilli(expires), principal);
    }

    private Optional<Role> role(String roleArn) {
        Matcher arn = roleArn == null ? null : ROLE_ARN.matcher(roleArn);
        if (arn == null || !arn.matches()) {
            throw IamException.validation("The specified value for roleArn is invalid: " + roleArn);
        }
        return dir.roles.stream().filter(r -> r.accountId().equals(arn.group(1)) && r.path().equals(arn.group(2))
                && r.name().equalsIgnoreCase(arn.group(3))).findFirst();
    }

    private static int duration(Integer requested, int defaultSeconds, int maxSeconds) {
        int seconds = requested == null ? defaultSeconds : requested;
        if (seconds < MIN_DURATION || seconds > maxSeconds) {
            throw IamException.validation("The requested DurationSeconds exceeds the limits: it must be between "
                    + MIN_DURATION + " and " + maxSeconds + " seconds.");
        }
        return seconds;
    }

    private static IamException notAuthorized(Identity caller, String roleArn) {
        return new IamException(IamException.Reason.ACCESS_DENIED, "User: " + caller.principal().arn()
                + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
    }
}

package io.granary.api.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.granary.api.acl.AclStatements;
import io.granary.api.acl.Grantees;
import io.granary.api.acl.ObjectOwnership;
import io.granary.api.acl.Permissions;
import io.granary.api.acl.PublicAccess;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.http.S3Headers;
import io.granary.api.http.S3Request;
import io.granary.api.xml.Owner;
import io.granary.iam.IamService;
import io.granary.iam.policy.Decision;
import io.granary.iam.policy.Effect;
import io.granary.iam.policy.Policy;
import io.granary.iam.policy.PolicyEvaluator;
import io.granary.iam.policy.RequestContext;
import io.granary.iam.policy.RequestPrincipal;
import io.granary.iam.policy.Statement;
import io.granary.metadata.model.Acl;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.model.PublicAccessBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a caller may perform an action, as AWS evaluates it ({@link PolicyEvaluator}): the bucket
 * owner account's root may do anything; an explicit Deny anywhere wins; within the owner's account an Allow
 * in the caller's identity policies or in the bucket policy is enough, across accounts both are needed; a
 * session policy intersects. ACL grants count as resource-policy allows ({@link AclStatements}). Anonymous
 * callers get only what a bucket policy or an ACL grants to everyone. Condition
 * keys: {@code aws:SourceIp}, {@code aws:SecureTransport}, {@code s3:x-amz-server-side-encryption} (the
 * request's header) and, on listings, {@code s3:prefix}, {@code s3:delimiter}, {@code s3:max-keys}. Parsed
 * bucket policies are kept in a bounded cache keyed by their text. Thread-safe; runs on the event loop
 * (in-memory lookups only).
 */
public final class RequestAuthorizer {
    private static final int PARSED_POLICIES_KEPT = 1024;
    private static final String[][] LISTING_KEYS = {{"prefix", RequestContext.PREFIX},
        {"delimiter", RequestContext.DELIMITER}, {"max-keys", RequestContext.MAX_KEYS}};

    private static final String RESOURCE_POLICY_VERSION = "2012-10-17";

    private final IamService iam;
    private final Grantees grantees;
    private final Cache<String, Policy> parsedBucketPolicies = Caffeine.newBuilder()
            .maximumSize(PARSED_POLICIES_KEPT).build();

    public RequestAuthorizer(IamService iam) {
        this.iam = iam;
        this.grantees = new Grantees(iam);
    }

    /**
     * Checks {@code action} on {@code key} of {@code bucket} (key null: the bucket itself).
     *
     * @throws S3Exception AccessDenied
     */
    public void authorize(Caller caller, S3Request request, String action, BucketRecord bucket, String key) {
        require(decide(caller, request, action, bucket, key, null));
    }

    /** Checks the request's own operation on its own bucket and key. */
    public void authorize(Caller caller, S3Request request, BucketRecord bucket) {
        authorize(caller, request, request.route().operation().action(), bucket, request.key());
    }

    /**
     * Checks the request's own operation where no bucket record exists yet: ListBuckets (resource {@code *})
     * and CreateBucket (the new bucket's ARN), judged in the caller's own account.
     */
    public void authorizeWithoutBucket(Caller caller, S3Request request) {
        String resource = request.bucket() == null ? "*" : RequestContext.bucketArn(request.bucket());
        Decision decision = PolicyEvaluator.evaluate(context(caller, request, request.route().operation().action(),
                resource), iam.identityPolicies(caller.principal()), caller.sessionPolicy(), null, null);
        if (!decision.allowed()) throw S3Exception.of(S3Error.ACCESS_DENIED);
    }

    /** Whether {@code action} on {@code key} of {@code bucket} (key null: the bucket) is allowed. */
    public boolean isAllowed(Caller caller, S3Request request, String action, BucketRecord bucket, String key) {
        return decide(caller, request, action, bucket, key, null).allowed();
    }

    /**
     * Decides {@code action} on {@code key} of {@code bucket} (key null: the bucket) from the caller's identity
     * and session policies, the bucket policy and the ACLs: the bucket's, and the object's when given. ACLs count
     * only while the bucket's ownership controls leave them enabled; its public access block drops public ACL
     * grants (IgnorePublicAcls) and, for callers outside the owner account, a public policy's allows
     * (RestrictPublicBuckets; its denies still count).
     *
     * @param objectAcl the object's ACL when the decision may rest on it (null: none, or not loaded)
     */
    public Decision decide(Caller caller, S3Request request, String action, BucketRecord bucket, String key,
            Acl objectAcl) {
        String resource = key == null ? RequestContext.bucketArn(bucket.name())
                : RequestContext.objectArn(bucket.name(), key);
        return decide(caller, context(caller, request, action, resource), bucket, objectAcl);
    }

    /**
     * The decision itself, for a request context already built from the request (the benchmark of this step
     * builds it without a Vert.x request).
     */
    public Decision decide(Caller caller, RequestContext context, BucketRecord bucket, Acl objectAcl) {
        String owner = ownerAccountId(bucket);
        PublicAccessBlock block = bucket.publicAccessBlock();
        Policy policy = bucketPolicy(bucket);
        boolean restricted = policy != null && block != null && block.restrictPublicBuckets()
                && !owner.equals(caller.accountId()) && PublicAccess.isPublic(policy);
        // Most buckets and objects carry no ACL (null: the owner's FULL_CONTROL, which the owner check covers):
        // then the bucket policy is evaluated as it is, with no per-request merge.
        boolean withAcls = ObjectOwnership.aclsEnabled(bucket) && (bucket.acl() != null || objectAcl != null);
        Policy resourcePolicy = restricted || withAcls
                ? merged(caller, bucket, objectAcl, policy, restricted, withAcls) : policy;
        return PolicyEvaluator.evaluate(context, iam.identityPolicies(caller.principal()), caller.sessionPolicy(),
                resourcePolicy, owner);
    }

    /** The bucket policy (only its denies when {@code restricted}) and the ACL grants, as one resource policy. */
    private Policy merged(Caller caller, BucketRecord bucket, Acl objectAcl, Policy policy, boolean restricted,
            boolean withAcls) {
        List<Statement> statements = new ArrayList<>();
        if (policy != null) {
            policy.statements().stream().filter(st -> !restricted || st.effect() == Effect.DENY)
                    .forEach(statements::add);
        }
        if (withAcls) {
            PublicAccessBlock block = bucket.publicAccessBlock();
            boolean ignorePublic = block != null && block.ignorePublicAcls();
            String canonical = caller.accountId() == null ? null : grantees.canonicalId(caller.accountId());
            statements.addAll(AclStatements.of(bucket.acl(), false, caller.principal(), canonical, ignorePublic));
            statements.addAll(AclStatements.of(objectAcl, true, caller.principal(), canonical, ignorePublic));
        }
        return statements.isEmpty() ? null : new Policy(RESOURCE_POLICY_VERSION, null, statements);
    }

    /**
     * Whether a refusal ({@code decision}) of {@code action} on an object might be lifted by the object's own ACL,
     * which the caller must then load and decide again with: never for an explicit Deny.
     */
    public static boolean needsObjectAcl(Decision decision, String action, BucketRecord bucket, String key) {
        return decision == Decision.DEFAULT_DENY && key != null && Permissions.objectAclCanGrant(action)
                && ObjectOwnership.aclsEnabled(bucket);
    }

    /** @throws S3Exception AccessDenied unless {@code decision} allows */
    public static void require(Decision decision) {
        if (!decision.allowed()) throw S3Exception.of(S3Error.ACCESS_DENIED);
    }

    /** The bucket's parsed policy, or null when it has none. */
    public Policy bucketPolicy(BucketRecord bucket) {
        return bucket.policy() == null ? null : parsedBucketPolicies.get(bucket.policy(), Policy::parseBucketPolicy);
    }

    /** Resolves grantees between canonical ids and accounts. */
    public Grantees grantees() {
        return grantees;
    }

    /** The account owning {@code bucket}: the one that created it, or the system account for older buckets. */
    public String ownerAccountId(BucketRecord bucket) {
        return bucket.ownerAccountId() != null ? bucket.ownerAccountId() : iam.systemAccount().accountId();
    }

    /** The Owner element of {@code bucket} and its objects: the owner account's canonical id and name. */
    public Owner bucketOwner(BucketRecord bucket) {
        return accountOwner(ownerAccountId(bucket));
    }

    /** The Owner element of an account (a deleted account keeps its id, and shows it as its name). */
    public Owner accountOwner(String accountId) {
        return iam.findAccount(accountId).map(a -> new Owner(a.canonicalId(), a.name()))
                .orElseGet(() -> new Owner(accountId, accountId));
    }

    /**
     * The Initiator of a multipart upload: an account root is its account's owner; a user or role session shows
     * its ARN and name, as S3 does for IAM identities.
     */
    public Owner initiator(Caller caller) {
        RequestPrincipal principal = caller.principal();
        if (principal instanceof RequestPrincipal.AccountRoot root) return accountOwner(root.accountId());
        if (principal instanceof RequestPrincipal.User user) return new Owner(user.arn(), user.userName());
        if (principal instanceof RequestPrincipal.AssumedRole role) return new Owner(role.arn(), role.sessionName());
        return new Owner("anonymous", "anonymous");
    }

    private static RequestContext context(Caller caller, S3Request request, String action, String resource) {
        RequestContext context = RequestContext.of(caller.principal(), action, resource)
                .with(RequestContext.SOURCE_IP, request.http().remoteAddress().hostAddress())
                .with(RequestContext.SECURE_TRANSPORT, String.valueOf(request.http().isSSL()));
        for (String[] pair : LISTING_KEYS) {
            String value = request.query(pair[0]);
            if (value != null) context = context.with(pair[1], value);
        }
        String sse = request.header(S3Headers.SERVER_SIDE_ENCRYPTION);
        if (sse != null) context = context.with(RequestContext.SERVER_SIDE_ENCRYPTION, sse);
        String kmsKey = request.header(S3Headers.SSE_KMS_KEY_ID);
        if (kmsKey != null) context = context.with(RequestContext.SSE_KMS_KEY_ID, kmsKey);
        return context;
    }
}

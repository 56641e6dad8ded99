package io.granary.api.auth;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.http.S3Operation;
import io.granary.api.http.S3Request;
import io.granary.iam.IamService;
import io.granary.iam.policy.Decision;
import io.granary.iam.policy.Policy;
import io.granary.iam.policy.PolicyEvaluator;
import io.granary.iam.policy.RequestContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a caller may perform an operation: the owner account's root may do anything; users need an Allow in
 * their policies or the bucket policy and no Deny anywhere; anonymous callers only what a bucket
 * policy grants to {@code *}. Condition keys: {@code aws:SourceIp}, {@code aws:SecureTransport} and,
 * on listings, {@code s3:prefix}, {@code s3:delimiter}, {@code s3:max-keys}.
 */
public final class RequestAuthorizer {
    private static final int PARSED_POLICIES_KEPT = 1024;

    private final IamService iam;
    private final Map<String, Policy> parsedBucketPolicies = new ConcurrentHashMap<>();

    public RequestAuthorizer(IamService iam) {
        this.iam = iam;
    }

    /**
     * Checks {@code action} on {@code key} of {@code bucket} (key null: the bucket itself; bucket null:
     * the service).
     *
     * @param bucketPolicy the bucket's policy document, or null
     * @throws S3Exception AccessDenied
     */
    public void authorize(Caller caller, S3Request request, String action, String bucket, String key,
            String bucketPolicy) {
        String resource = bucket == null ? "*" : key == null ? RequestContext.bucketArn(bucket)
                : RequestContext.objectArn(bucket, key);
        RequestContext context = RequestContext.of(caller.principal(), action, resource)
                .with(RequestContext.SOURCE_IP, request.http().remoteAddress().hostAddress())
                .with(RequestContext.SECURE_TRANSPORT, String.valueOf(request.http().isSSL()));
        context = withListingKeys(context, request);
        Policy policy = bucketPolicy == null ? null : parsedBucketPolicies.computeIfAbsent(bucketPolicy, json -> {
            if (parsedBucketPolicies.size() > PARSED_POLICIES_KEPT) parsedBucketPolicies.clear();
            return Policy.parseBucketPolicy(json);
        });
        List<Policy> identityPolicies = iam.identityPolicies(caller.principal());
        // Every bucket belongs to the system account until buckets are owned per account (issue 13).
        Decision decision = PolicyEvaluator.evaluate(context, identityPolicies, null, policy,
                iam.systemAccount().accountId());
        if (!decision.allowed()) throw S3Exception.of(S3Error.ACCESS_DENIED);
    }

    /** Checks the request's own operation on its own bucket and key. */
    public void authorize(Caller caller, S3Request request, String bucketPolicy) {
        S3Operation operation = request.route().operation();
        authorize(caller, request, operation.action(), request.bucket(), request.key(), bucketPolicy);
    }

    private static RequestContext withListingKeys(RequestContext context, S3Request request) {
        RequestContext out = context;
        String[][] keys = {{"prefix", RequestContext.PREFIX}, {"delimiter", RequestContext.DELIMITER},
            {"max-keys", RequestContext.MAX_KEYS}};
        for (String[] pair : keys) {
            String value = request.query(pair[0]);
            if (value != null) out = out.with(pair[1], value);
        }
        return out;
    }
}

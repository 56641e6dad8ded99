package io.granary.bench.iam;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.granary.iam.IamService;
import io.granary.iam.policy.Policy;
import io.granary.iam.policy.PolicyEvaluator;
import io.granary.iam.policy.RequestContext;
import io.granary.iam.policy.RequestPrincipal;
import java.util.Map;

/**
 * The authorisation step exactly as the API node's {@code RequestAuthorizer} performs it once a request is
 * authenticated, minus reading the client address and query from the Vert.x request: the bucket policy parsed
 * through a bounded cache keyed by its text, a {@link RequestContext} with {@code aws:SourceIp},
 * {@code aws:SecureTransport} and the listing keys, the principal's identity policies from
 * {@link IamService#identityPolicies} and {@link PolicyEvaluator#evaluate}.
 */
final class AuthorizationStep {
    private static final int PARSED_POLICIES_KEPT = 1024;

    private final IamService iam;
    private final Cache<String, Policy> parsedBucketPolicies = Caffeine.newBuilder()
            .maximumSize(PARSED_POLICIES_KEPT).build();

    AuthorizationStep(IamService iam) {
        this.iam = iam;
    }

    /**
     * @param listingKeys the request's {@code s3:prefix}, {@code s3:delimiter}, {@code s3:max-keys} (may be empty)
     * @param bucketPolicy the bucket's policy document, or null
     */
    boolean isAllowed(RequestPrincipal principal, Policy sessionPolicy, String action, String resource,
            String sourceIp, Map<String, String> listingKeys, String bucketPolicy, String ownerAccountId) {
        Policy policy = bucketPolicy == null ? null : parsedBucketPolicies.get(bucketPolicy, Policy::parseBucketPolicy);
        RequestContext context = RequestContext.of(principal, action, resource)
                .with(RequestContext.SOURCE_IP, sourceIp)
                .with(RequestContext.SECURE_TRANSPORT, "false");
        for (Map.Entry<String, String> key : listingKeys.entrySet()) {
            context = context.with(key.getKey(), key.getValue());
        }
        return PolicyEvaluator.evaluate(context, iam.identityPolicies(principal), sessionPolicy, policy,
                ownerAccountId).allowed();
    }
}

package io.granary.bench.iam;

import io.granary.api.auth.Caller;
import io.granary.api.auth.RequestAuthorizer;
import io.granary.iam.IamService;
import io.granary.iam.policy.Policy;
import io.granary.iam.policy.RequestContext;
import io.granary.iam.policy.RequestPrincipal;
import io.granary.metadata.model.BucketRecord;
import java.util.Map;

/**
 * The authorisation step of the API node once a request is authenticated: {@link RequestAuthorizer#decide} with
 * the {@link RequestContext} the authorizer builds from a request ({@code aws:SourceIp},
 * {@code aws:SecureTransport} and the listing keys), minus reading them from a Vert.x request.
 */
final class AuthorizationStep {

    private final RequestAuthorizer authorizer;

    AuthorizationStep(IamService iam) {
        this.authorizer = new RequestAuthorizer(iam);
    }

    /** @param listingKeys the request's {@code s3:prefix}, {@code s3:delimiter}, {@code s3:max-keys} (may be empty) */
    boolean isAllowed(RequestPrincipal principal, Policy sessionPolicy, String action, String resource,
            String sourceIp, Map<String, String> listingKeys, BucketRecord bucket) {
        RequestContext context = RequestContext.of(principal, action, resource)
                .with(RequestContext.SOURCE_IP, sourceIp)
                .with(RequestContext.SECURE_TRANSPORT, "false");
        for (Map.Entry<String, String> key : listingKeys.entrySet()) {
            context = context.with(key.getKey(), key.getValue());
        }
        return authorizer.decide(new Caller(principal, sessionPolicy, null), context, bucket, null).allowed();
    }
}

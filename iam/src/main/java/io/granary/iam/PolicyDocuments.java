package io.granary.iam;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.granary.iam.policy.MalformedPolicyException;
import io.granary.iam.policy.Policy;
import java.util.function.Function;

/**
 * Parsing of policy documents for IAM: a refused document is {@code MalformedPolicyDocument}, and
 * parsed documents are kept in a bounded cache keyed by their text, so evaluating a request never
 * parses. Thread-safe.
 */
final class PolicyDocuments {
    private static final int PARSED_KEPT = 10_000;

    private final Cache<String, Policy> identity = Caffeine.newBuilder().maximumSize(PARSED_KEPT).build();
    private final Cache<String, Policy> trust = Caffeine.newBuilder().maximumSize(PARSED_KEPT).build();

    /** @throws IamException MALFORMED_POLICY_DOCUMENT */
    Policy identity(String document) {
        return parse(identity, document, Policy::parseIdentityPolicy);
    }

    /** @throws IamException MALFORMED_POLICY_DOCUMENT */
    Policy trust(String document) {
        return parse(trust, document, Policy::parseTrustPolicy);
    }

    private static Policy parse(Cache<String, Policy> cache, String document, Function<String, Policy> parser) {
        if (document == null) {
            throw new IamException(IamException.Reason.MALFORMED_POLICY_DOCUMENT, "The policy document is missing.");
        }
        try {
            return cache.get(document, parser);
        } catch (MalformedPolicyException e) {
            throw new IamException(IamException.Reason.MALFORMED_POLICY_DOCUMENT, e.getMessage(), e);
        }
    }
}

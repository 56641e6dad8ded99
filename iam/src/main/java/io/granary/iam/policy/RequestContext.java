package io.granary.iam.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a policy is evaluated against: who asks, the IAM action ({@code s3:GetObject}), the resource
 * ARN ({@code arn:aws:s3:::bucket/key}) and the request's condition keys ({@code s3:prefix},
 * {@code aws:SourceIp}, {@code aws:SecureTransport}, ...). Key names are stored in lower case; the
 * principal's own keys ({@code aws:username}, {@code aws:userid}, {@code aws:principaltype}, are
 * {@code aws:PrincipalAccount}, {@code aws:PrincipalArn}) are added here so callers cannot forget
 * or forge them.
 */
public record RequestContext(RequestPrincipal principal, String action, String resource,
        Map<String, String> conditionKeys) {

    public static final String SOURCE_IP = "aws:SourceIp";
    public static final String SECURE_TRANSPORT = "aws:SecureTransport";
    public static final String PREFIX = "s3:prefix";
    public static final String DELIMITER = "s3:delimiter";
    public static final String MAX_KEYS = "s3:max-keys";
    public static final String SERVER_SIDE_ENCRYPTION = "s3:x-amz-server-side-encryption";
    /** The KMS key id as the request names it (an ARN, key id or alias). */
    public static final String SSE_KMS_KEY_ID = "s3:x-amz-server-side-encryption-aws-kms-key-id";

    public RequestContext {
        Map<String, String> keys = new HashMap<>();
        conditionKeys.forEach((name, value) -> keys.put(name.toLowerCase(Locale.ROOT), value));
        for (String own : List.of("aws:username", "aws:userid", "aws:principalaccount", "aws:principalarn")) {
            keys.remove(own);
        }
        if (principal instanceof RequestPrincipal.User user) keys.put("aws:username", user.userName());
        if (principal.accountId() != null) {
            keys.put("aws:userid", principal.uniqueId());
            keys.put("aws:principalaccount", principal.accountId());
            keys.put("aws:principalarn", principal.arn());
        }
        keys.put("aws:principaltype", principalType(principal));
        conditionKeys = Map.copyOf(keys);
    }

    /** A context without request-specific condition keys. */
    public static RequestContext of(RequestPrincipal principal, String action, String resource) {
        return new RequestContext(principal, action, resource, Map.of());
    }

    /** This context with one more condition key. */
    public RequestContext with(String key, String value) {
        Map<String, String> keys = new HashMap<>(conditionKeys);
        keys.put(key.toLowerCase(Locale.ROOT), value);
        return new RequestContext(principal, action, resource, keys);
    }

    /** The ARN of a bucket: {@code arn:aws:s3:::bucket}. */
    public static String bucketArn(String bucket) {
        return "arn:aws:s3:::" + bucket;
    }

    /** The ARN of an object: {@code arn:aws:s3:::bucket/key}. */
    public static String objectArn(String bucket, String key) {
        return "arn:aws:s3:::" + bucket + "/" + key;
    }

    private static String principalType(RequestPrincipal principal) {
        if (principal instanceof RequestPrincipal.AccountRoot) return "Account";
        if (principal instanceof RequestPrincipal.User) return "User";
        if (principal instanceof RequestPrincipal.AssumedRole) return "AssumedRole";
        return "Anonymous";
    }
}

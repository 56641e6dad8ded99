package io.granary.api.auth;

import io.granary.api.xml.Owner;
import io.granary.iam.policy.Policy;
import io.granary.iam.policy.RequestPrincipal;
import io.granary.iam.sigv4.AuthResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Who sent a request (as policies see it), the session policy of temporary credentials (null when there is
 * none) and what the signature check decided about its body.
 */
public record Caller(RequestPrincipal principal, Policy sessionPolicy, AuthResult auth) {

    /** Whether the caller signed with an account's root credentials. */
    public boolean isRoot() {
        return principal instanceof RequestPrincipal.AccountRoot;
    }

    /**
     * The owner element for this caller: a stable 64-hex-digit canonical id, like S3's, derived from
     * the user id, and the user name as display name.
     */
    public Owner owner() {
        return ownerOf(principal);
    }

    /**
     * The owner of every bucket until buckets are owned per account (issue 13): the system account,
     * whose canonical id is this same digest of {@code root}.
     */
    public static Owner accountOwner() {
        return digestOwner("root", "root");
    }

    private static Owner ownerOf(RequestPrincipal principal) {
        if (principal instanceof RequestPrincipal.User user) return digestOwner(user.userId(), user.userName());
        if (principal instanceof RequestPrincipal.AccountRoot) return accountOwner();
        return digestOwner("anonymous", "anonymous");
    }

    private static Owner digestOwner(String id, String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("granary:" + id).getBytes(
                    StandardCharsets.UTF_8));
            return new Owner(HexFormat.of().formatHex(digest), name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

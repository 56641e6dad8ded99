package io.granary.api.auth;

import io.granary.api.xml.Owner;
import io.granary.iam.policy.RequestPrincipal;
import io.granary.iam.sigv4.AuthResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Who sent a request (as policies see it) and what the signature check decided about its body. */
public record Caller(RequestPrincipal principal, AuthResult auth) {

    public boolean isRoot() {
        return principal instanceof RequestPrincipal.Root;
    }

    /**
     * The owner element for this caller: a stable 64-hex-digit canonical id, like S3's, derived from
     * the user id, and the user name as display name.
     */
    public Owner owner() {
        return ownerOf(principal);
    }

    /** Granary is one account: every bucket is owned by root. */
    public static Owner accountOwner() {
        return ownerOf(RequestPrincipal.ROOT);
    }

    private static Owner ownerOf(RequestPrincipal principal) {
        String name = principal instanceof RequestPrincipal.User user ? user.userName()
                : principal instanceof RequestPrincipal.Root ? "root" : "anonymous";
        String id = principal instanceof RequestPrincipal.User user ? user.userId() : name;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("granary:" + id).getBytes(
                    StandardCharsets.UTF_8));
            return new Owner(HexFormat.of().formatHex(digest), name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.granary.metadata.model;

import java.util.List;

/**
 * An access control list as set by a client: the owner and the grants, in the order they were given (S3
 * answers Get*Acl in that order). Records written before ACLs existed have none (null), which means the
 * owner's FULL_CONTROL only.
 *
 * @param ownerCanonicalId the canonical id of the owner: for an object, the account that owns it; for a
 *                         bucket, the bucket owner's account
 */
public record Acl(String ownerCanonicalId, List<Grant> grants) {

    public Acl {
        grants = grants == null ? List.of() : List.copyOf(grants);
    }

    /**
     * One grant: a grantee and a permission ({@code READ}, {@code WRITE}, {@code READ_ACP}, {@code WRITE_ACP} or
     * {@code FULL_CONTROL}). The grantee is either a canonical user ({@code canonicalId}) or a group
     * ({@code groupUri}); exactly one of them is set.
     */
    public record Grant(String canonicalId, String groupUri, String permission) {
    }
}

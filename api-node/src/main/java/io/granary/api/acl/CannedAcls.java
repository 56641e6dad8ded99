package io.granary.api.acl;

import io.granary.metadata.model.Acl;
import java.util.ArrayList;
import java.util.List;

/**
 * What each canned ACL expands to, as S3 stores and reports it
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl): the owner always gets
 * FULL_CONTROL; the {@code bucket-owner-*} ACLs add the bucket owner only when it is not the owner.
 */
final class CannedAcls {
    /** The canonical user S3 grants READ in {@code aws-exec-read} (Amazon EC2, "za-team"). */
    static final String EC2_CANONICAL_ID = "6aa5a366c34c1cbe25dc49211496e913e0351eb0e8c37aa3477e40942ec6b97c";

    private CannedAcls() {
    }

    /** The ACL {@code canned} (one of {@code AclHeaders.CANNED}) names for a resource {@code owner} owns. */
    static Acl expand(String canned, String owner, String bucketOwner) {
        List<Acl.Grant> grants = new ArrayList<>();
        grants.add(user(owner, Permissions.FULL_CONTROL));
        switch (canned) {
            case "public-read" -> grants.add(group(Permissions.ALL_USERS, Permissions.READ));
            case "public-read-write" -> {
                grants.add(group(Permissions.ALL_USERS, Permissions.READ));
                grants.add(group(Permissions.ALL_USERS, Permissions.WRITE));
            }
            case "authenticated-read" -> grants.add(group(Permissions.AUTHENTICATED_USERS, Permissions.READ));
            case "aws-exec-read" -> grants.add(user(EC2_CANONICAL_ID, Permissions.READ));
            case "bucket-owner-read" -> {
                if (!bucketOwner.equals(owner)) grants.add(user(bucketOwner, Permissions.READ));
            }
            case "bucket-owner-full-control" -> {
                if (!bucketOwner.equals(owner)) grants.add(user(bucketOwner, Permissions.FULL_CONTROL));
            }
            case "log-delivery-write" -> {
                grants.add(group(Permissions.LOG_DELIVERY, Permissions.WRITE));
                grants.add(group(Permissions.LOG_DELIVERY, Permissions.READ_ACP));
            }
            default -> {
                // private: the owner's FULL_CONTROL only.
            }
        }
        return new Acl(owner, grants);
    }

    private static Acl.Grant user(String canonicalId, String permission) {
        return new Acl.Grant(canonicalId, null, permission);
    }

    private static Acl.Grant group(String uri, String permission) {
        return new Acl.Grant(null, uri, permission);
    }
}

package io.granary.api.acl;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * S3's ACL vocabulary: the five permissions, the predefined groups, and the IAM actions each permission
 * grants on a bucket and on an object (AWS's mapping of ACL permissions to access policy permissions,
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#acl-access-policy-permission-mapping).
 */
public final class Permissions {
    public static final String READ = "READ";
    public static final String WRITE = "WRITE";
    public static final String READ_ACP = "READ_ACP";
    public static final String WRITE_ACP = "WRITE_ACP";
    public static final String FULL_CONTROL = "FULL_CONTROL";
    public static final Set<String> ALL = Set.of(READ, WRITE, READ_ACP, WRITE_ACP, FULL_CONTROL);

    public static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
    public static final String AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
    public static final String LOG_DELIVERY = "http://acs.amazonaws.com/groups/s3/LogDelivery";
    public static final Set<String> GROUPS = Set.of(ALL_USERS, AUTHENTICATED_USERS, LOG_DELIVERY);

    private static final Map<String, List<String>> ON_BUCKET = Map.of(
            READ, List.of("s3:ListBucket", "s3:ListBucketVersions", "s3:ListBucketMultipartUploads"),
            WRITE, List.of("s3:PutObject", "s3:DeleteObject"),
            READ_ACP, List.of("s3:GetBucketAcl"),
            WRITE_ACP, List.of("s3:PutBucketAcl"));
    private static final Map<String, List<String>> ON_OBJECT = Map.of(
            READ, List.of("s3:GetObject", "s3:GetObjectVersion"),
            WRITE, List.of(),
            READ_ACP, List.of("s3:GetObjectAcl"),
            WRITE_ACP, List.of("s3:PutObjectAcl"));
    private static final Set<String> OBJECT_ACTIONS = Set.of("s3:GetObject", "s3:GetObjectVersion",
            "s3:GetObjectAcl", "s3:PutObjectAcl");

    private Permissions() {
    }

    /** The actions {@code permission} grants on the bucket it is set on (FULL_CONTROL: all four's). */
    static List<String> bucketActions(String permission) {
        return actions(ON_BUCKET, permission);
    }

    /** The actions {@code permission} grants on the object it is set on. */
    static List<String> objectActions(String permission) {
        return actions(ON_OBJECT, permission);
    }

    /** Whether an object's own ACL can grant {@code action}, so a refusal by policy must look at it. */
    public static boolean objectAclCanGrant(String action) {
        return OBJECT_ACTIONS.contains(action);
    }

    /** Whether a grantee group makes a grant public (AWS counts both AllUsers and AuthenticatedUsers). */
    static boolean isPublicGroup(String uri) {
        return ALL_USERS.equals(uri) || AUTHENTICATED_USERS.equals(uri);
    }

    private static List<String> actions(Map<String, List<String>> table, String permission) {
        if (!permission.equals(FULL_CONTROL)) return table.get(permission);
        return table.values().stream().flatMap(List::stream).toList();
    }
}

package io.granary.bench.iam;

import java.util.List;

/**
 * The policy documents of the authorisation benchmarks, written the way applications' policies look: ten managed
 * policies for one user (wildcard actions and resources, {@code NotAction}, explicit Denies, {@code IpAddress},
 * {@code Bool}, {@code StringLike} and {@code IfExists} conditions), a group's inline and managed policy, and a
 * ten-statement bucket policy naming accounts, users, a role and {@code *}. None of their Denies applies to the
 * benchmark requests (HTTP from 10.1.2.3), so evaluation walks every statement of every policy, the worst case.
 */
final class BenchPolicies {
    /** The bucket the benchmark requests address, and the one carrying {@link #bucketPolicy}. */
    static final String BUCKET = "photos";

    private BenchPolicies() {
    }

    /** The ten managed policies attached to the user, by name. */
    static List<Named> userPolicies() {
        return List.of(
                new Named("ReadPhotos", statements("""
                        {"Sid": "ReadObjects", "Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjectVersion"],
                         "Resource": "arn:aws:s3:::photos/*"},
                        {"Sid": "ListSomePrefixes", "Effect": "Allow", "Action": "s3:ListBucket",
                         "Resource": "arn:aws:s3:::photos",
                         "Condition": {"StringLike": {"s3:prefix": ["2025/*", "shared/*", ""]}}}""")),
                new Named("WriteUploads", statements("""
                        {"Effect": "Allow", "Action": ["s3:PutObject", "s3:AbortMultipartUpload"],
                         "Resource": ["arn:aws:s3:::uploads/incoming/*", "arn:aws:s3:::uploads/tmp/*"]},
                        {"Effect": "Allow", "Action": "s3:ListMultipartUploadParts",
                         "Resource": "arn:aws:s3:::uploads/*"}""")),
                new Named("DenyInsecureDeletes", statements("""
                        {"Effect": "Deny", "Action": "s3:Delete*", "Resource": "arn:aws:s3:::*",
                         "Condition": {"Bool": {"aws:SecureTransport": "false"}}}""")),
                new Named("OfficeReports", statements("""
                        {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::reports/*",
                         "Condition": {"IpAddress": {"aws:SourceIp": ["192.168.0.0/16", "172.20.0.0/14"]}}},
                        {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::reports"}""")),
                new Named("AppLogs", statements("""
                        {"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::logs-*/app/*"},
                        {"Effect": "Deny", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::logs-*/app/secret/*"},
                        {"Effect": "Allow", "Action": "s3:GetBucketLocation", "Resource": "arn:aws:s3:::logs-*"}""")),
                new Named("MonthlyBackups", statements("""
                        {"Effect": "Allow", "Action": ["s3:Get*", "s3:List*"],
                         "Resource": ["arn:aws:s3:::backup-2025-??", "arn:aws:s3:::backup-2025-??/*"],
                         "Condition": {"StringEquals": {"aws:PrincipalType": "User"}}}""")),
                new Named("OnlyStorage", statements("""
                        {"Effect": "Deny", "NotAction": ["s3:*", "sts:AssumeRole", "sts:GetCallerIdentity"],
                         "Resource": "*"}""")),
                new Named("PhotoTags", statements("""
                        {"Effect": "Allow", "Action": ["s3:GetObjectTagging", "s3:PutObjectTagging"],
                         "Resource": "arn:aws:s3:::photos/*",
                         "Condition": {"StringEqualsIfExists": {"s3:x-amz-acl": "private"}}}""")),
                new Named("NoPublicAcls", statements("""
                        {"Effect": "Deny", "Action": ["s3:PutObject", "s3:PutObjectAcl"], "Resource": "*",
                         "Condition": {"StringEquals": {"s3:x-amz-acl": ["public-read", "public-read-write"]}}}""")),
                new Named("CorporateNetworkOnly", statements("""
                        {"Effect": "Deny", "Action": "s3:*", "Resource": "*",
                         "Condition": {"NotIpAddress": {"aws:SourceIp":
                             ["10.0.0.0/8", "172.16.0.0/12", "127.0.0.0/8", "2001:db8::/32"]}}},
                        {"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}""")));
    }

    /** The managed policy attached to the user's group. */
    static Named groupPolicy() {
        return new Named("TeamShared", statements("""
                {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"],
                 "Resource": "arn:aws:s3:::team-shared/*"},
                {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::team-shared",
                 "Condition": {"StringLike": {"s3:prefix": "projects/*"}}}"""));
    }

    /** The group's inline policy. */
    static String groupInlinePolicy() {
        return statements("""
                {"Effect": "Allow", "Action": ["s3:GetBucketLocation", "s3:ListAllMyBuckets"], "Resource": "*"}""");
    }

    /** A role's trust policy admitting {@code principalArn}. */
    static String trustPolicy(String principalArn) {
        return statements("""
                {"Effect": "Allow", "Principal": {"AWS": "%s"}, "Action": "sts:AssumeRole"}""".formatted(principalArn));
    }

    /** A session policy narrowing a role session to reading the bucket. */
    static String sessionPolicy() {
        return statements("""
                {"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
                 "Resource": ["arn:aws:s3:::photos", "arn:aws:s3:::photos/*"]}""");
    }

    /**
     * The ten-statement policy of {@link #BUCKET} in account {@code account}; {@code partner} is another
     * account and {@code userArn} the benchmark user.
     */
    static String bucketPolicy(String account, String partner, String userArn) {
        return statements("""
                {"Sid": "PublicThumbnails", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                 "Resource": "arn:aws:s3:::photos/public/thumbs/*"},
                {"Sid": "PartnerRead", "Effect": "Allow", "Principal": {"AWS": ["%2$s", "arn:aws:iam::%2$s:root"]},
                 "Action": ["s3:GetObject", "s3:ListBucket"],
                 "Resource": ["arn:aws:s3:::photos", "arn:aws:s3:::photos/partner/*"]},
                {"Sid": "PartnerUploader", "Effect": "Allow",
                 "Principal": {"AWS": "arn:aws:iam::%2$s:user/ingest/uploader"},
                 "Action": "s3:PutObject", "Resource": "arn:aws:s3:::photos/incoming/*"},
                {"Sid": "AppUser", "Effect": "Allow", "Principal": {"AWS": "%3$s"},
                 "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
                 "Resource": "arn:aws:s3:::photos/app/*"},
                {"Sid": "ThumbnailerRole", "Effect": "Allow",
                 "Principal": {"AWS": "arn:aws:iam::%1$s:role/thumbnailer"},
                 "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::photos/public/thumbs/*"},
                {"Sid": "DenyUnencryptedPartnerUploads", "Effect": "Deny", "Principal": {"AWS": "%2$s"},
                 "Action": "s3:PutObject", "Resource": "arn:aws:s3:::photos/*",
                 "Condition": {"Null": {"s3:x-amz-server-side-encryption": "true"}}},
                {"Sid": "DenyOutsideNetworks", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                 "Resource": ["arn:aws:s3:::photos", "arn:aws:s3:::photos/*"],
                 "Condition": {"NotIpAddress": {"aws:SourceIp": ["10.0.0.0/8", "192.168.0.0/16", "127.0.0.1/32"]}}},
                {"Sid": "DenyPolicyChanges", "Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::%1$s:root"},
                 "Action": ["s3:PutBucketPolicy", "s3:DeleteBucketPolicy"], "Resource": "arn:aws:s3:::photos"},
                {"Sid": "ListForAccount", "Effect": "Allow", "Principal": {"AWS": "%1$s"},
                 "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::photos",
                 "Condition": {"StringLike": {"s3:prefix": ["2024/*", "2025/*"]}, "NumericLessThanEquals":
                     {"s3:max-keys": "1000"}}},
                {"Sid": "AuditorsReadOnly", "Effect": "Allow",
                 "Principal": {"AWS": ["arn:aws:iam::%1$s:user/audit/auditor", "arn:aws:iam::%2$s:user/auditor"]},
                 "Action": ["s3:Get*", "s3:List*"], "Resource": ["arn:aws:s3:::photos", "arn:aws:s3:::photos/*"]}"""
                .formatted(account, partner, userArn));
    }

    private static String statements(String statements) {
        return "{\"Version\": \"2012-10-17\", \"Statement\": [" + statements + "]}";
    }

    /** A managed policy's name and document. */
    record Named(String name, String document) {
    }
}

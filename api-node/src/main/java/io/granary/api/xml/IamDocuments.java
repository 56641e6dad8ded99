package io.granary.api.xml;

import io.granary.iam.AccessKey;
import io.granary.iam.AccessKeyInfo;
import io.granary.iam.CreatedAccessKey;
import io.granary.iam.Group;
import io.granary.iam.ManagedPolicy;
import io.granary.iam.PolicyVersion;
import io.granary.iam.Role;
import io.granary.iam.TemporaryCredentials;
import io.granary.iam.User;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * The children of IAM's and STS's entity elements ({@code <User>}, {@code <AccessKey>},
 * {@code <Policy>}, {@code <Role>}, {@code <Credentials>}, ...) in the order and spelling of the AWS API
 * reference. Policy documents are URL-encoded, as IAM returns them (the aws CLI and boto3 decode them;
 * SDK users call {@code URLDecoder}).
 */
public final class IamDocuments {

    private IamDocuments() {
    }

    public static void user(QueryDocument doc, User user) {
        doc.element("Path", user.path()).element("UserName", user.name()).element("UserId", user.userId())
                .element("Arn", user.arn()).element("CreateDate", date(user.createdEpochMillis()));
    }

    /** GetUser also lists the user's tags. */
    public static void userWithTags(QueryDocument doc, User user) {
        user(doc, user);
        if (!user.tags().isEmpty()) tags(doc, user.tags());
    }

    public static void tags(QueryDocument doc, Map<String, String> tags) {
        doc.members("Tags", tags.entrySet(), (d, tag) -> d.element("Key", tag.getKey()).element("Value",
                tag.getValue()));
    }

    /** CreateAccessKey's {@code <AccessKey>}, the only element that ever carries a secret. */
    public static void createdKey(QueryDocument doc, CreatedAccessKey key, long createdEpochMillis) {
        doc.element("UserName", key.userName()).element("AccessKeyId", key.accessKeyId())
                .element("Status", status(AccessKey.Status.ACTIVE)).element("SecretAccessKey", key.secretKey())
                .element("CreateDate", date(createdEpochMillis));
    }

    public static void keyMetadata(QueryDocument doc, AccessKeyInfo key) {
        doc.element("UserName", key.userName()).element("AccessKeyId", key.accessKeyId())
                .element("Status", status(key.status())).element("CreateDate", date(key.createdEpochMillis()));
    }

    public static String status(AccessKey.Status status) {
        return switch (status) {
            case ACTIVE -> "Active";
            case INACTIVE -> "Inactive";
        };
    }

    public static void policy(QueryDocument doc, ManagedPolicy policy, int attachmentCount) {
        doc.element("PolicyName", policy.name()).element("PolicyId", policy.policyId()).element("Arn", policy.arn())
                .element("Path", policy.path()).element("DefaultVersionId", policy.defaultVersionId())
                .element("AttachmentCount", attachmentCount).element("PermissionsBoundaryUsageCount", 0)
                .element("IsAttachable", true).element("Description", policy.description())
                .element("CreateDate", date(policy.createdEpochMillis()))
                .element("UpdateDate", date(policy.updatedEpochMillis()));
    }

    public static void policyVersion(QueryDocument doc, PolicyVersion version, boolean isDefault) {
        doc.element("Document", encoded(version.document())).element("VersionId", version.versionId())
                .element("IsDefaultVersion", isDefault).element("CreateDate", date(version.createdEpochMillis()));
    }

    public static void attachedPolicy(QueryDocument doc, ManagedPolicy policy) {
        doc.element("PolicyName", policy.name()).element("PolicyArn", policy.arn());
    }

    public static void group(QueryDocument doc, Group group) {
        doc.element("Path", group.path()).element("GroupName", group.name()).element("GroupId", group.groupId())
                .element("Arn", group.arn()).element("CreateDate", date(group.createdEpochMillis()));
    }

    public static void role(QueryDocument doc, Role role) {
        doc.element("Path", role.path()).element("RoleName", role.name()).element("RoleId", role.roleId())
                .element("Arn", role.arn()).element("CreateDate", date(role.createdEpochMillis()))
                .element("AssumeRolePolicyDocument", encoded(role.trustPolicy()))
                .element("Description", role.description())
                .element("MaxSessionDuration", role.maxSessionDurationSeconds());
    }

    public static void credentials(QueryDocument doc, TemporaryCredentials credentials) {
        doc.start("Credentials").element("AccessKeyId", credentials.accessKeyId())
                .element("SecretAccessKey", credentials.secretAccessKey())
                .element("SessionToken", credentials.sessionToken())
                .element("Expiration", Timestamps.iso(credentials.expiration())).end();
    }

    /** A policy document as IAM returns it: percent-encoded (RFC 3986, space as %20). */
    public static String encoded(String document) {
        return document == null ? null : URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static String date(long epochMillis) {
        return Timestamps.iso(Instant.ofEpochMilli(epochMillis));
    }
}

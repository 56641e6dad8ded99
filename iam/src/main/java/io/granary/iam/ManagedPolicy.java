package io.granary.iam;

import java.util.List;
import java.util.Optional;

/**
 * A customer-managed identity policy with up to five versions, one of them the default (the one
 * that applies). Attached by ARN to users, groups and roles of its account. Every document was
 * validated by {@link io.granary.iam.policy.Policy#parseIdentityPolicy} before it was stored.
 * Jackson-serialisable; v1 records (name and one document) are upgraded on open.
 *
 * @param policyId stable id ({@code GP} + 18 characters)
 * @param nextVersion the number the next created version gets
 */
public record ManagedPolicy(int formatVersion, String accountId, String policyId, String name, String path,
        String description, List<PolicyVersion> versions, String defaultVersionId, int nextVersion,
        long createdEpochMillis, long updatedEpochMillis) {
    public static final int FORMAT_VERSION = 2;
    /** IAM's limit on versions per managed policy. */
    public static final int MAX_VERSIONS = 5;

    public ManagedPolicy {
        path = Records.path(path);
        versions = Records.list(versions);
    }

    /** {@code arn:aws:iam::ACCOUNT:policy{path}{name}}. */
    public String arn() {
        return IamArns.policy(accountId, path, name);
    }

    public Optional<PolicyVersion> version(String versionId) {
        return versions.stream().filter(v -> v.versionId().equals(versionId)).findFirst();
    }

    /** The document of the default version, the one evaluated. */
    public String defaultDocument() {
        return version(defaultVersionId).orElseThrow().document();
    }

    ManagedPolicy withVersions(List<PolicyVersion> newVersions, String newDefault, int newNext, long nowMillis) {
        return new ManagedPolicy(formatVersion, accountId, policyId, name, path, description, newVersions, newDefault,
                newNext, createdEpochMillis, nowMillis);
    }
}

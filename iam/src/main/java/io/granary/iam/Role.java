package io.granary.iam;

import java.util.List;
import java.util.SortedMap;

/**
 * A role: an identity without long-term keys that principals named by its trust policy assume
 * through STS for temporary credentials. Jackson-serialisable with a format version.
 *
 * @param roleId stable id ({@code GR} + 18 characters)
 * @param trustPolicy the assume-role policy document, validated as a policy with a Principal
 * @param maxSessionDurationSeconds 3600..43200, the longest session AssumeRole grants
 */
public record Role(int formatVersion, String accountId, String roleId, String name, String path, String description,
        String trustPolicy, int maxSessionDurationSeconds, long createdEpochMillis, List<String> attachedPolicies,
        SortedMap<String, String> inlinePolicies) implements PolicyHolder {
    public static final int FORMAT_VERSION = 1;

    public Role {
        path = Records.path(path);
        attachedPolicies = Records.list(attachedPolicies);
        inlinePolicies = Records.sorted(inlinePolicies);
    }

    @Override
    public String id() {
        return roleId;
    }

    /** {@code arn:aws:iam::ACCOUNT:role{path}{name}}. */
    public String arn() {
        return IamArns.role(accountId, path, name);
    }

    @Override
    public Role withPolicies(List<String> attached, SortedMap<String, String> inline) {
        return new Role(formatVersion, accountId, roleId, name, path, description, trustPolicy,
                maxSessionDurationSeconds, createdEpochMillis, attached, inline);
    }

    Role withTrustPolicy(String document) {
        return new Role(formatVersion, accountId, roleId, name, path, description, document,
                maxSessionDurationSeconds, createdEpochMillis, attachedPolicies, inlinePolicies);
    }
}

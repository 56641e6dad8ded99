package io.granary.iam;

import java.util.List;
import java.util.SortedMap;

/**
 * A user as stored through {@link IdentityStore}. Users own access keys and have managed policies
 * attached by ARN, inline policies by name, and tags. Group membership is kept on the group.
 * Jackson-serialisable; v1 records (one account, policies attached by name) are upgraded on open.
 *
 * @param userId stable id ({@code GU} + 18 characters), referenced by access keys
 * @param name unique in its account, AWS user-name syntax ({@code [A-Za-z0-9+=,.@_-]{1,64}})
 * @param path {@code /} or {@code /a/b/}
 * @param attachedPolicies ARNs of attached {@link ManagedPolicy managed policies}
 */
public record User(int formatVersion, String accountId, String userId, String name, String path,
        long createdEpochMillis, List<String> attachedPolicies, SortedMap<String, String> inlinePolicies,
        SortedMap<String, String> tags) implements PolicyHolder {
    public static final int FORMAT_VERSION = 2;

    public User {
        path = Records.path(path);
        attachedPolicies = Records.list(attachedPolicies);
        inlinePolicies = Records.sorted(inlinePolicies);
        tags = Records.sorted(tags);
    }

    @Override
    public String id() {
        return userId;
    }

    /** {@code arn:aws:iam::ACCOUNT:user{path}{name}}. */
    public String arn() {
        return IamArns.user(accountId, path, name);
    }

    @Override
    public User withPolicies(List<String> attached, SortedMap<String, String> inline) {
        return new User(formatVersion, accountId, userId, name, path, createdEpochMillis, attached, inline, tags);
    }

    User withNameAndPath(String newName, String newPath) {
        return new User(formatVersion, accountId, userId, newName, newPath, createdEpochMillis, attachedPolicies,
                inlinePolicies, tags);
    }

    User withTags(SortedMap<String, String> newTags) {
        return new User(formatVersion, accountId, userId, name, path, createdEpochMillis, attachedPolicies,
                inlinePolicies, newTags);
    }
}

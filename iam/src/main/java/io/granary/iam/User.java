package io.granary.iam;

import java.util.List;

/**
 * A user as stored through {@link IdentityStore}. Users own access keys and have managed policies
 * attached by name. Jackson-serialisable; {@code formatVersion} lets the store upgrade old
 * records.
 *
 * @param userId stable id ({@code GU} + 18 characters), referenced by access keys
 * @param name unique, AWS user-name syntax ({@code [A-Za-z0-9+=,.@_-]{1,64}})
 * @param attachedPolicies names of attached {@link ManagedPolicy managed policies}
 */
public record User(int formatVersion, String userId, String name, long createdEpochMillis,
        List<String> attachedPolicies) {
    public static final int FORMAT_VERSION = 1;

    public User {
        attachedPolicies = List.copyOf(attachedPolicies);
    }

    User withAttachedPolicies(List<String> policies) {
        return new User(formatVersion, userId, name, createdEpochMillis, policies);
    }
}

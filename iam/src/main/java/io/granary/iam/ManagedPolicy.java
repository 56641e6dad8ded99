package io.granary.iam;

/**
 * A named identity policy as stored through {@link IdentityStore}; users reference it by name.
 * The document was validated by {@link io.granary.iam.policy.Policy#parseIdentityPolicy} before
 * it was stored. Jackson-serialisable with a format version.
 */
public record ManagedPolicy(int formatVersion, String name, String document, long createdEpochMillis) {
    public static final int FORMAT_VERSION = 1;
}

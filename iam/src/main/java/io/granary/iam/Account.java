package io.granary.iam;

/**
 * An account: the owner of buckets, users, groups, roles and managed policies, as on AWS. The first
 * account (the system account) is created when the service first opens a store and holds the
 * operator's root credentials. Jackson-serialisable with a format version.
 *
 * @param accountId 12 decimal digits, unique
 * @param canonicalId 64 lower-case hex digits, S3's canonical user id of the account's owner
 * @param name unique account name
 */
public record Account(int formatVersion, String accountId, String canonicalId, String name, long createdEpochMillis) {
    public static final int FORMAT_VERSION = 1;

    /** {@code arn:aws:iam::ACCOUNT:root}, the account's root principal. */
    public String rootArn() {
        return IamArns.root(accountId);
    }
}

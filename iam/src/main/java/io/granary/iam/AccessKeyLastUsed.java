package io.granary.iam;

/**
 * When and where an access key last authenticated a request (IAM's GetAccessKeyLastUsed). Kept in
 * memory only: it restarts empty, which AWS's own "best effort, may lag by hours" wording allows.
 *
 * @param userName the key's user, or null for a root key
 * @param lastUsedEpochMillis 0 when the key has not been used since the server started
 * @param serviceName {@code s3}, {@code iam}, {@code sts}; null when unused
 * @param region the credential scope's region; null when unused
 */
public record AccessKeyLastUsed(String userName, long lastUsedEpochMillis, String serviceName, String region) {
}

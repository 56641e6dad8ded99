package io.granary.iam;

/** What the IAM API may show about an access key: never the secret, not even encrypted. */
public record AccessKeyInfo(String accessKeyId, String userName, AccessKey.Status status, long createdEpochMillis) {
}

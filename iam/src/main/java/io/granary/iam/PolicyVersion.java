package io.granary.iam;

/**
 * One version of a managed policy.
 *
 * @param versionId {@code v1}, {@code v2}, ... never reused within a policy
 */
public record PolicyVersion(String versionId, String document, long createdEpochMillis) {
}

package io.granary.metadata.model;

/**
 * A delete marker: the version a DELETE without a version id writes in a versioned bucket. It has no
 * data; {@code ownerCanonicalId} is who deleted (null: the bucket owner).
 */
public record DeleteMarker(String key, String versionId, long lastModifiedMillis, String ownerCanonicalId) {
}

package io.granary.metadata.store;

/**
 * The parameters of ListObjectVersions: keys under {@code prefix} (never null), rolled up at
 * {@code delimiter} (null: none), after {@code keyMarker} (null: from the start) and, within that key, after
 * version {@code versionIdMarker} (null: after all of its versions), at most {@code maxKeys} entries.
 */
public record VersionQuery(String prefix, String delimiter, String keyMarker, String versionIdMarker, int maxKeys) {

    public VersionQuery {
        prefix = prefix == null ? "" : prefix;
        if (maxKeys < 0 || maxKeys > ListQuery.MAX_KEYS) {
            throw new MetadataException(MetadataException.Reason.INVALID_ARGUMENT, "max-keys must be 0.."
                    + ListQuery.MAX_KEYS);
        }
        if (versionIdMarker != null && keyMarker == null) {
            throw new MetadataException(MetadataException.Reason.INVALID_ARGUMENT,
                    "a version-id marker needs a key marker");
        }
    }
}

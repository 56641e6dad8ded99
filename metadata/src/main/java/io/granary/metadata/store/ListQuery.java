package io.granary.metadata.store;

import io.granary.metadata.store.MetadataException.Reason;

/**
 * A ListObjects request: entries (keys and common prefixes) under {@code prefix}, rolled up at
 * the first {@code delimiter} (any string; null or empty for none) after the prefix, strictly
 * after {@code marker} (null for none), at most {@code maxKeys} (0..1000) of them. An entry is
 * returned only if it sorts after the marker, so a marker inside a rolled-up group skips the group.
 */
public record ListQuery(String prefix, String delimiter, String marker, int maxKeys) {

    public static final int MAX_KEYS = 1000;

    public ListQuery {
        prefix = prefix == null ? "" : prefix;
        delimiter = delimiter == null || delimiter.isEmpty() ? null : delimiter;
        if (maxKeys < 0) throw new MetadataException(Reason.INVALID_ARGUMENT, "max-keys must not be negative");
        maxKeys = Math.min(maxKeys, MAX_KEYS);
    }

    /** ListObjects (v1): marker as given. */
    public static ListQuery v1(String prefix, String delimiter, String marker, int maxKeys) {
        return new ListQuery(prefix, delimiter, marker, maxKeys);
    }

    /** ListObjectsV2: a continuation token, when present, wins over start-after. */
    public static ListQuery v2(String prefix, String delimiter, String startAfter, String continuationToken,
                               int maxKeys) {
        String marker = continuationToken != null ? ContinuationToken.decode(continuationToken) : startAfter;
        return new ListQuery(prefix, delimiter, marker, maxKeys);
    }
}

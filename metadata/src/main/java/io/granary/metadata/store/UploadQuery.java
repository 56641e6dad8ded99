package io.granary.metadata.store;

import io.granary.metadata.store.MetadataException.Reason;

/**
 * A ListMultipartUploads request. Without {@code uploadIdMarker}, listing resumes after every
 * upload of {@code keyMarker}; with it, after that upload of {@code keyMarker}. Uploads of one
 * key come in initiation order.
 */
public record UploadQuery(String prefix, String delimiter, String keyMarker, String uploadIdMarker, int maxUploads) {

    public UploadQuery {
        prefix = prefix == null ? "" : prefix;
        delimiter = delimiter == null || delimiter.isEmpty() ? null : delimiter;
        if (maxUploads < 0) throw new MetadataException(Reason.INVALID_ARGUMENT, "max-uploads must not be negative");
        maxUploads = Math.min(maxUploads, ListQuery.MAX_KEYS);
        if (keyMarker == null || keyMarker.isEmpty()) {
            keyMarker = null;
            uploadIdMarker = null;
        }
    }
}

package io.granary.metadata.store;

/**
 * What a delete did, for the response headers: the version it removed or the delete marker it wrote
 * ({@code versionId}, null in a bucket that was never versioned) and whether that version is a delete marker.
 */
public record DeleteOutcome(String versionId, boolean deleteMarker) {

    static final DeleteOutcome UNVERSIONED = new DeleteOutcome(null, false);
}

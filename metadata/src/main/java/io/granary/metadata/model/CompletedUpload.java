package io.granary.metadata.model;

import java.util.List;

/**
 * The outcome of a completed multipart upload, kept so that a repeated identical complete
 * returns the same answer. {@code partsDigest} identifies the part list the client sent.
 * Purged after a grace period by {@code MultipartStore.purgeCompleted}.
 */
public record CompletedUpload(String uploadId, String bucket, String key, String versionId, String etag,
                              List<Checksum> checksums, String partsDigest, long completedMillis) {

    public CompletedUpload {
        checksums = checksums == null ? List.of() : List.copyOf(checksums);
    }
}

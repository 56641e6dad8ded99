package io.granary.metadata.model;

/** A (part number, ETag) pair as a client lists it in CompleteMultipartUpload. */
public record PartRef(int partNumber, String etag) {
}

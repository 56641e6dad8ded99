package io.granary.metadata.model;

/** A bucket's PublicAccessBlockConfiguration: the four switches as the client set them. */
public record PublicAccessBlock(boolean blockPublicAcls, boolean ignorePublicAcls, boolean blockPublicPolicy,
        boolean restrictPublicBuckets) {
}

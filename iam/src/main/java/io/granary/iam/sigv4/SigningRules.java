package io.granary.iam.sigv4;

import java.util.Objects;

/**
 * The service-specific parts of canonicalisation. S3 ({@link #s3}) never normalises paths and takes the
 * payload hash from {@code x-amz-content-sha256} (required on header-signed requests) or uses
 * {@code UNSIGNED-PAYLOAD} for presigned URLs. The generic form ({@link #generic}) exists for the AWS SigV4
 * test suite and non-S3 style signing: optional path normalisation (remove dot segments, merge slashes) and a
 * payload hash supplied by the caller when the header is absent. A null {@code region} accepts any region.
 */
public record SigningRules(String service, String region, boolean normalizePath, String payloadHashWhenAbsent) {
    public SigningRules {
        Objects.requireNonNull(service, "service");
    }

    public static SigningRules s3(String region) {
        return new SigningRules("s3", region, false, null);
    }

    public static SigningRules generic(String service, String region, boolean normalizePath, String bodySha256Hex) {
        return new SigningRules(service, region, normalizePath, Objects.requireNonNull(bodySha256Hex));
    }

    boolean isS3() {
        return payloadHashWhenAbsent == null;
    }
}

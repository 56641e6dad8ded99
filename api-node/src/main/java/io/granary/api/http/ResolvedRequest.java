package io.granary.api.http;

/**
 * What {@link S3Router} made of a request line: the operation and the decoded names it acts on.
 * {@code bucket} is null for service-level operations and {@code key} for bucket-level ones.
 */
public record ResolvedRequest(S3Operation operation, String bucket, String key) {

    /** The resource path as S3 writes it in error documents: {@code /bucket/key}. */
    public String resource() {
        if (bucket == null) return "/";
        return key == null ? "/" + bucket : "/" + bucket + "/" + key;
    }
}

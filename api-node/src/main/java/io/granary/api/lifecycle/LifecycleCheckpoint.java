package io.granary.api.lifecycle;

/**
 * Where the running lifecycle pass is, stored in the cluster records after every page so a restart resumes it:
 * the bucket, the phase (versions, then uploads) and the key the next page starts after (null: the start).
 */
record LifecycleCheckpoint(String bucket, boolean uploads, String keyMarker, long startedMillis) {
}

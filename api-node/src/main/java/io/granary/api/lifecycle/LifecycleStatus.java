package io.granary.api.lifecycle;

/**
 * What the lifecycle worker has done, as the admin API and {@code granary admin lifecycle status} show it: the
 * running or last pass (where it is, what it removed) and how many passes completed since the node started.
 *
 * @param running           whether a pass is in progress
 * @param bucket            the bucket the running pass is in (null between passes)
 * @param startedMillis     when the running or last pass began (0: none yet)
 * @param finishedMillis    when the last pass ended (0: none yet)
 * @param versionsScanned   versions and markers looked at by the running or last pass
 * @param expired           current versions expired (a delete marker written, or removed when unversioned)
 * @param noncurrentRemoved noncurrent versions removed
 * @param markersRemoved    delete markers removed once nothing was left under them
 * @param uploadsAborted    incomplete multipart uploads aborted
 * @param lockedKept        versions a rule would remove that object lock protects
 * @param passesCompleted   passes completed since start
 */
public record LifecycleStatus(boolean running, String bucket, long startedMillis, long finishedMillis,
                              long versionsScanned, long expired, long noncurrentRemoved, long markersRemoved,
                              long uploadsAborted, long lockedKept, long passesCompleted, String error) {

    static final LifecycleStatus NONE = new LifecycleStatus(false, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, null);
}

package io.granary.metadata.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One lifecycle rule of a bucket, as PutBucketLifecycleConfiguration gave it: which versions it covers (key
 * {@code prefix}, every tag of {@code tags}, a size strictly between the two bounds; null bounds and an empty
 * prefix cover everything) and what it does to them, each action null or false when absent. Days count in
 * lifecycle days (a real day unless the server was started with {@code --lifecycle-day}).
 *
 * @param expirationDays         current versions expire this many days after they were written
 * @param expirationDateMillis   current versions expire from this instant (midnight UTC)
 * @param expiredObjectDeleteMarker a delete marker left with no older versions is removed
 * @param noncurrentDays         noncurrent versions are removed this many days after they became noncurrent
 * @param newerNoncurrentVersions that many of the newest noncurrent versions are kept anyway
 * @param abortIncompleteDays    multipart uploads are aborted this many days after they began
 */
public record LifecycleRule(String id, boolean enabled, String prefix, Map<String, String> tags,
        Long sizeGreaterThan, Long sizeLessThan, Integer expirationDays, Long expirationDateMillis,
        boolean expiredObjectDeleteMarker, Integer noncurrentDays, Integer newerNoncurrentVersions,
        Integer abortIncompleteDays) {

    public LifecycleRule {
        prefix = prefix == null ? "" : prefix;
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** Whether the rule's filter covers a version of {@code key} with {@code versionTags} and {@code size}. */
    public boolean covers(String key, Map<String, String> versionTags, long size) {
        if (!key.startsWith(prefix)) return false;
        if (sizeGreaterThan != null && size <= sizeGreaterThan) return false;
        if (sizeLessThan != null && size >= sizeLessThan) return false;
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (!tag.getValue().equals(versionTags.get(tag.getKey()))) return false;
        }
        return true;
    }

    /** Whether the rule's filter covers an upload of {@code key} (uploads have no tags or size yet). */
    public boolean coversUpload(String key) {
        return key.startsWith(prefix) && tags.isEmpty() && sizeGreaterThan == null && sizeLessThan == null;
    }
}

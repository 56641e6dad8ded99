package io.granary.metadata.model;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A bucket's object lock configuration: enabled (once enabled, never again disabled, as S3), and the default
 * retention new versions get when their write names none: {@code defaultMode} for {@code defaultDays} or
 * {@code defaultYears} (exactly one of them), or no default ({@code defaultMode} null).
 */
public record ObjectLockConfiguration(String defaultMode, Integer defaultDays, Integer defaultYears) {

    /** Enabled, without a default retention. */
    public static final ObjectLockConfiguration ENABLED = new ObjectLockConfiguration(null, null, null);

    public ObjectLockConfiguration {
        if (defaultMode != null) {
            new ObjectLock(defaultMode, 1, false);
            if ((defaultDays == null) == (defaultYears == null)) {
                throw new IllegalArgumentException("a default retention has either days or years");
            }
        } else if (defaultDays != null || defaultYears != null) {
            throw new IllegalArgumentException("a default retention needs a mode");
        }
    }

    /** The lock a new version written at {@code nowMillis} with {@code asked} (null: none) gets. */
    public ObjectLock applyDefault(ObjectLock asked, long nowMillis) {
        ObjectLock lock = ObjectLock.of(asked);
        if (defaultMode == null || lock.mode() != null) return lock;
        var start = Instant.ofEpochMilli(nowMillis).atZone(ZoneOffset.UTC);
        var until = defaultDays != null ? start.plusDays(defaultDays) : start.plusYears(defaultYears);
        return lock.withRetention(defaultMode, until.toInstant().toEpochMilli());
    }
}

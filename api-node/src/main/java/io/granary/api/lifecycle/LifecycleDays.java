package io.granary.api.lifecycle;

import io.granary.api.xml.Timestamps;
import io.granary.metadata.model.LifecycleRule;
import io.granary.metadata.model.ObjectRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How long a lifecycle day is (a real day, or what {@code --lifecycle-day SECONDS} makes it, so tests can let
 * days pass in seconds, as Ceph's {@code rgw_lc_debug_interval} does) and when rules say versions expire. With
 * real days S3 rounds an expiry up to the next midnight UTC; with a debug day no rounding is done.
 */
public record LifecycleDays(Duration day) {
    public static final Duration REAL_DAY = Duration.ofDays(1);
    public static final LifecycleDays REAL = new LifecycleDays(REAL_DAY);

    public LifecycleDays {
        if (day.isNegative() || day.isZero()) throw new IllegalArgumentException("a lifecycle day must be positive");
    }

    /** {@code days} lifecycle days after {@code startMillis}, rounded as S3 rounds. */
    public long after(long startMillis, int days) {
        long at = startMillis + days * day.toMillis();
        if (!day.equals(REAL_DAY)) return at;
        long dayMillis = REAL_DAY.toMillis();
        return Math.floorMod(at, dayMillis) == 0 ? at : Math.floorDiv(at, dayMillis) * dayMillis + dayMillis;
    }

    /** When {@code rule}'s Expiration makes a current version written at {@code writtenMillis} expire, or -1. */
    public long expiry(LifecycleRule rule, long writtenMillis) {
        if (rule.expirationDateMillis() != null) return rule.expirationDateMillis();
        return rule.expirationDays() == null ? -1 : after(writtenMillis, rule.expirationDays());
    }

    /** The rule that expires {@code object} first (enabled, covering it), or null. */
    public Expiry firstExpiry(List<LifecycleRule> rules, ObjectRecord object) {
        if (rules == null) return null;
        Expiry first = null;
        for (LifecycleRule rule : rules) {
            if (!rule.enabled() || !rule.covers(object.key(), object.tags(), object.size())) continue;
            long at = expiry(rule, object.lastModifiedMillis());
            if (at >= 0 && (first == null || at < first.atMillis())) first = new Expiry(rule.id(), at);
        }
        return first;
    }

    /** When a current version expires, and by which rule. */
    public record Expiry(String ruleId, long atMillis) {
        /** The {@code x-amz-expiration} header's value. */
        public String header() {
            return "expiry-date=\"" + Timestamps.http(Instant.ofEpochMilli(atMillis)) + "\", rule-id=\""
                    + ruleId.replace("\"", "\\\"") + "\"";
        }
    }
}

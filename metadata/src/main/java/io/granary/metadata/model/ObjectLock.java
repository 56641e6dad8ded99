package io.granary.metadata.model;

/**
 * An object version's WORM protection (issue 16): a retention {@code mode} ({@link #GOVERNANCE} or
 * {@link #COMPLIANCE}, null for none) until {@code retainUntilMillis}, and a legal hold. A retention whose date
 * has passed protects nothing. The rules of what may change are here, so the store enforces them in one place.
 */
public record ObjectLock(String mode, long retainUntilMillis, boolean legalHold) {
    public static final String GOVERNANCE = "GOVERNANCE";
    public static final String COMPLIANCE = "COMPLIANCE";
    /** No retention, no legal hold. */
    public static final ObjectLock NONE = new ObjectLock(null, 0, false);

    public ObjectLock {
        if (mode != null && !GOVERNANCE.equals(mode) && !COMPLIANCE.equals(mode)) {
            throw new IllegalArgumentException("unknown retention mode " + mode);
        }
        if (mode == null) retainUntilMillis = 0;
    }

    /** {@code lock}, or {@link #NONE} for records written before locks existed. */
    public static ObjectLock of(ObjectLock lock) {
        return lock == null ? NONE : lock;
    }

    public boolean retainedAt(long nowMillis) {
        return mode != null && retainUntilMillis > nowMillis;
    }

    /** Whether the version may be deleted for good at {@code nowMillis}. */
    public boolean allowsDeletion(long nowMillis, boolean bypassGovernance) {
        if (legalHold) return false;
        if (!retainedAt(nowMillis)) return true;
        return GOVERNANCE.equals(mode) && bypassGovernance;
    }

    /**
     * Whether the retention may become {@code mode}/{@code until}: a retention in force may only get stricter
     * (COMPLIANCE from GOVERNANCE, a later date), unless it is GOVERNANCE and the caller bypasses it.
     * COMPLIANCE is never weakened by anyone.
     */
    public boolean allowsRetention(String newMode, long newUntilMillis, long nowMillis, boolean bypassGovernance) {
        if (!retainedAt(nowMillis)) return true;
        boolean stricter = newMode != null && newUntilMillis >= retainUntilMillis
                && (COMPLIANCE.equals(newMode) || mode.equals(newMode));
        return stricter || GOVERNANCE.equals(mode) && bypassGovernance;
    }

    public ObjectLock withRetention(String newMode, long newUntilMillis) {
        return new ObjectLock(newMode, newUntilMillis, legalHold);
    }

    public ObjectLock withLegalHold(boolean newLegalHold) {
        return new ObjectLock(mode, retainUntilMillis, newLegalHold);
    }
}

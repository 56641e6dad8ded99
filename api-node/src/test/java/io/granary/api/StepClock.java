package io.granary.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock that a test moves forward by hand (from another thread too). */
public final class StepClock extends Clock {
    private volatile Instant now;

    /** Starting at 2026-01-01T00:00:00Z. */
    public StepClock() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    public StepClock(Instant start) {
        this.now = start;
    }

    public void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}

package io.granary.metadata.model;

/** An event its target did not take before it gave up: the event, the last error and when it gave up. */
public record DeadEvent(ObjectEvent event, String lastError, long failedMillis) {
}

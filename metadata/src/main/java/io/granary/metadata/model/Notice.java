package io.granary.metadata.model;

/**
 * The event a write makes ({@code eventName} as {@code ObjectCreated:Put}, {@code ObjectTagging:Delete}) and who
 * made it; handed to the store so that the event commits with the change.
 */
public record Notice(String eventName, EventOrigin origin) {
}

package io.granary.metadata.store;

/** A task claimed from a queue: {@code id} is what the worker acknowledges. */
public record QueuedTask<T>(long id, T task) {
}

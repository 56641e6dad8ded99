package io.granary.iam;

/** Wraps data keys under a key-encryption key, each bound to a context. Thread-safe. */
public interface DataKeys {

    /** {@code dataKey} wrapped for {@code context}. */
    String wrap(byte[] dataKey, String context);

    /**
     * The data key {@link #wrap} wrapped for {@code context}.
     *
     * @throws IamException SECRET_UNREADABLE under another key, for another context, or damaged
     */
    byte[] unwrap(String wrapped, String context);
}

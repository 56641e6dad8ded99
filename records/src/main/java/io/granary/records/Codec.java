package io.granary.records;

/**
 * Turns a value into the bytes stored in a column family and back. {@code decode} throws
 * {@link IllegalArgumentException} for bytes it cannot read, or
 * {@link UnsupportedFormatException} for a format version it does not know; the store reading the
 * bytes names the record in the error it reports (the metadata store's {@code Table} names the column family and
 * key).
 */
public interface Codec<T> {

    byte[] encode(T value);

    T decode(byte[] bytes);

    /** The stored bytes carry a format version this code cannot read. */
    final class UnsupportedFormatException extends RuntimeException {
        public UnsupportedFormatException(String message) {
            super(message);
        }
    }
}

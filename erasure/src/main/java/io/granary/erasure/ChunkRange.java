package io.granary.erasure;

/** Bytes [offset, offset+length) of the payload of data chunk {@code chunk} of a stripe. */
public record ChunkRange(int chunk, int offset, int length) {
}

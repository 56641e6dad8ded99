package io.granary.metadata.model;

/**
 * One checksum of an object or part as S3 reports it: the algorithm name (e.g. {@code CRC32C}),
 * the base64 value exactly as it goes on the wire, and how it was computed.
 */
public record Checksum(String algorithm, String value, ChecksumType type) {
}

package io.granary.bench.load;

/** How the load tool signs request bodies: as an unsigned payload, or signed with a CRC32 checksum header. */
enum PayloadMode {
    /** {@code x-amz-content-sha256: UNSIGNED-PAYLOAD}, the tool's default: the server hashes nothing but MD5. */
    UNSIGNED,
    /** The body's SHA-256 signed and {@code x-amz-checksum-crc32} sent, as boto3 and the aws CLI over HTTP. */
    SIGNED_CRC32
}

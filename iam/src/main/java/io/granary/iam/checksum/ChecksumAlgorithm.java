package io.granary.iam.checksum;

import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The checksum algorithms S3 accepts in {@code x-amz-checksum-*} headers and trailers, with their
 * wire names and value lengths. CRCs are big-endian on the wire; only CRCs can be combined into a
 * full-object checksum of a multipart upload, and CRC64NVME exists only in that form (AWS:
 * "Checking object integrity in Amazon S3").
 */
public enum ChecksumAlgorithm {
    CRC32("CRC32", 4, true, true, () -> new CrcChecksum(new CRC32(), 4), 0xedb88320L),
    CRC32C("CRC32C", 4, true, true, () -> new CrcChecksum(new CRC32C(), 4), 0x82f63b78L),
    CRC64NVME("CRC64NVME", 8, false, true, () -> new CrcChecksum(new Crc64Nvme(), 8), Crc64Nvme.POLYNOMIAL),
    SHA1("SHA1", 20, true, false, () -> new MessageDigestChecksum("SHA-1"), 0),
    SHA256("SHA256", 32, true, false, () -> new MessageDigestChecksum("SHA-256"), 0);

    private static final String HEADER_PREFIX = "x-amz-checksum-";

    private final String apiName;
    private final String headerName;
    private final int byteLength;
    private final boolean composite;
    private final boolean fullObject;
    private final Supplier<StreamingChecksum> factory;
    private final CrcCombiner combiner;

    ChecksumAlgorithm(String apiName, int byteLength, boolean composite, boolean fullObject,
            Supplier<StreamingChecksum> factory, long reflectedPolynomial) {
        this.apiName = apiName;
        this.headerName = HEADER_PREFIX + apiName.toLowerCase(Locale.ROOT);
        this.byteLength = byteLength;
        this.composite = composite;
        this.fullObject = fullObject;
        this.factory = factory;
        this.combiner = fullObject ? new CrcCombiner(reflectedPolynomial, byteLength * 8) : null;
    }

    /** The name in {@code x-amz-checksum-algorithm} and in XML elements ({@code ChecksumCRC32}). */
    public String apiName() {
        return apiName;
    }

    /** The header (and trailer) name, e.g. {@code x-amz-checksum-crc32}. */
    public String headerName() {
        return headerName;
    }

    /** Length of the binary value in bytes. */
    public int byteLength() {
        return byteLength;
    }

    /** Whether a multipart upload may use {@code x-amz-checksum-type: COMPOSITE} with this algorithm. */
    public boolean supportsComposite() {
        return composite;
    }

    /** Whether a multipart upload may use {@code x-amz-checksum-type: FULL_OBJECT} with this algorithm. */
    public boolean supportsFullObject() {
        return fullObject;
    }

    /** A fresh incremental checksum of this algorithm. */
    public StreamingChecksum newChecksum() {
        return factory.get();
    }

    /** The checksum of one byte range, in wire form. */
    public byte[] compute(byte[] bytes) {
        StreamingChecksum checksum = newChecksum();
        checksum.update(bytes);
        return checksum.digest();
    }

    /**
     * The CRC of A followed by B from the CRCs of A and B (wire form) and the length of B, without
     * the bytes. Only for algorithms that {@link #supportsFullObject()}.
     */
    public byte[] combine(byte[] crcA, byte[] crcB, long lengthB) {
        if (combiner == null) {
            throw new UnsupportedOperationException(apiName + " values cannot be combined");
        }
        requireLength(crcA);
        requireLength(crcB);
        long combined = combiner.combine(CrcBytes.fromBytes(crcA), CrcBytes.fromBytes(crcB), lengthB);
        return CrcBytes.toBytes(combined, byteLength);
    }

    /**
     * Decodes a base64 value as sent in this algorithm's header or trailer.
     *
     * @throws InvalidChecksumException if it is not base64 or has the wrong length
     */
    public byte[] decode(String base64) {
        byte[] value = Base64Values.decode(base64, headerName);
        if (value.length != byteLength) {
            throw new InvalidChecksumException(InvalidChecksumException.Reason.WRONG_LENGTH, headerName,
                    "Value for " + headerName + " header is invalid: expected " + byteLength
                            + " bytes, got " + value.length);
        }
        return value;
    }

    /** The base64 form S3 sends. */
    public String encode(byte[] value) {
        requireLength(value);
        return Base64.getEncoder().encodeToString(value);
    }

    /**
     * The algorithm named in {@code x-amz-checksum-algorithm} or {@code x-amz-sdk-checksum-algorithm}
     * (case-insensitive, as AWS accepts {@code crc32} and {@code CRC32}).
     *
     * @throws InvalidChecksumException if no algorithm has that name
     */
    public static ChecksumAlgorithm fromApiName(String name) {
        for (ChecksumAlgorithm algorithm : values()) {
            if (algorithm.apiName.equalsIgnoreCase(name)) return algorithm;
        }
        throw new InvalidChecksumException(InvalidChecksumException.Reason.UNKNOWN_ALGORITHM,
                "x-amz-checksum-algorithm", "Checksum algorithm provided is unsupported: " + name);
    }

    /** The algorithm whose header (or trailer) is {@code name}, compared case-insensitively. */
    public static Optional<ChecksumAlgorithm> fromHeaderName(String name) {
        for (ChecksumAlgorithm algorithm : values()) {
            if (algorithm.headerName.equalsIgnoreCase(name)) return Optional.of(algorithm);
        }
        return Optional.empty();
    }

    private void requireLength(byte[] value) {
        if (value.length != byteLength) {
            throw new IllegalArgumentException(apiName + " values have " + byteLength + " bytes, got "
                    + value.length);
        }
    }
}

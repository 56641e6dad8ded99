package io.granary.api.xml;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;

/**
 * The checksum elements S3 writes beside an ETag (at most one algorithm is set). Unwrapped into the
 * enclosing document, so it reads like S3's flat {@code <ChecksumCRC32>...</ChecksumCRC32>}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"ChecksumCRC32", "ChecksumCRC32C", "ChecksumCRC64NVME", "ChecksumSHA1", "ChecksumSHA256",
    "ChecksumType"})
public record ChecksumFields(
        @JacksonXmlProperty(localName = "ChecksumCRC32") String crc32,
        @JacksonXmlProperty(localName = "ChecksumCRC32C") String crc32c,
        @JacksonXmlProperty(localName = "ChecksumCRC64NVME") String crc64nvme,
        @JacksonXmlProperty(localName = "ChecksumSHA1") String sha1,
        @JacksonXmlProperty(localName = "ChecksumSHA256") String sha256,
        @JacksonXmlProperty(localName = "ChecksumType") String type) {

    public static final ChecksumFields NONE = new ChecksumFields(null, null, null, null, null, null);

    /**
     * The fields for one checksum, or {@link #NONE}.
     *
     * @param algorithm S3's algorithm name (CRC32, CRC32C, CRC64NVME, SHA1, SHA256), or null
     */
    public static ChecksumFields of(String algorithm, String value, String type) {
        if (algorithm == null || value == null) return NONE;
        return switch (algorithm) {
            case "CRC32" -> new ChecksumFields(value, null, null, null, null, type);
            case "CRC32C" -> new ChecksumFields(null, value, null, null, null, type);
            case "CRC64NVME" -> new ChecksumFields(null, null, value, null, null, type);
            case "SHA1" -> new ChecksumFields(null, null, null, value, null, type);
            case "SHA256" -> new ChecksumFields(null, null, null, null, value, type);
            default -> throw new IllegalArgumentException("unknown checksum algorithm " + algorithm);
        };
    }
}

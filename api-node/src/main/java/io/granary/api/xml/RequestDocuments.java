package io.granary.api.xml;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import java.util.List;

/**
 * The XML bodies clients send (CreateBucket, DeleteObjects, CompleteMultipartUpload). Unknown
 * elements are ignored, as S3 does; missing required ones are checked by the handlers.
 */
public final class RequestDocuments {

    private RequestDocuments() {
    }

    /** CreateBucket's optional body. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CreateBucketConfiguration(
            @JacksonXmlProperty(localName = "LocationConstraint") String locationConstraint) {
    }

    /** DeleteObjects. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Delete(
            @JacksonXmlProperty(localName = "Quiet") Boolean quiet,
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Object")
            List<ObjectIdentifier> objects) {
    }

    /** One key to delete, with the conditions S3 accepts on it (ETag is an If-Match). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ObjectIdentifier(@JacksonXmlProperty(localName = "Key") String key,
            @JacksonXmlProperty(localName = "VersionId") String versionId,
            @JacksonXmlProperty(localName = "ETag") String etag,
            @JacksonXmlProperty(localName = "LastModifiedTime") String lastModifiedTime,
            @JacksonXmlProperty(localName = "Size") Long size) {
    }

    /** CompleteMultipartUpload. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CompleteMultipartUpload(
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Part")
            List<CompletedPart> parts) {
    }

    /** One part of CompleteMultipartUpload, with the checksum the client computed, if any. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CompletedPart(
            @JacksonXmlProperty(localName = "PartNumber") Integer partNumber,
            @JacksonXmlProperty(localName = "ETag") String etag,
            @JacksonXmlProperty(localName = "ChecksumCRC32") String checksumCrc32,
            @JacksonXmlProperty(localName = "ChecksumCRC32C") String checksumCrc32c,
            @JacksonXmlProperty(localName = "ChecksumCRC64NVME") String checksumCrc64nvme,
            @JacksonXmlProperty(localName = "ChecksumSHA1") String checksumSha1,
            @JacksonXmlProperty(localName = "ChecksumSHA256") String checksumSha256) {
    }
}

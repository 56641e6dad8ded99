package io.granary.api.xml;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/** The answers of the multipart operations. */
public final class MultipartDocuments {

    private MultipartDocuments() {
    }

    /** CreateMultipartUpload. */
    @JacksonXmlRootElement(localName = "InitiateMultipartUploadResult")
    @JsonPropertyOrder({"Bucket", "Key", "UploadId"})
    public record InitiateMultipartUploadResult(
            @JacksonXmlProperty(localName = "Bucket") String bucket,
            @JacksonXmlProperty(localName = "Key") String key,
            @JacksonXmlProperty(localName = "UploadId") String uploadId) implements S3Document {
    }

    /** CompleteMultipartUpload. */
    @JacksonXmlRootElement(localName = "CompleteMultipartUploadResult")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"Location", "Bucket", "Key", "ETag"})
    public record CompleteMultipartUploadResult(
            @JacksonXmlProperty(localName = "Location") String location,
            @JacksonXmlProperty(localName = "Bucket") String bucket,
            @JacksonXmlProperty(localName = "Key") String key,
            @JacksonXmlProperty(localName = "ETag") String etag,
            @JsonUnwrapped ChecksumFields checksum) implements S3Document {
    }

    /** ListMultipartUploads. */
    @JacksonXmlRootElement(localName = "ListMultipartUploadsResult")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"Bucket", "KeyMarker", "UploadIdMarker", "NextKeyMarker", "NextUploadIdMarker", "Prefix",
        "Delimiter", "MaxUploads", "EncodingType", "IsTruncated", "Upload", "CommonPrefixes"})
    public record ListMultipartUploadsResult(
            @JacksonXmlProperty(localName = "Bucket") String bucket,
            @JacksonXmlProperty(localName = "KeyMarker") String keyMarker,
            @JacksonXmlProperty(localName = "UploadIdMarker") String uploadIdMarker,
            @JacksonXmlProperty(localName = "NextKeyMarker") String nextKeyMarker,
            @JacksonXmlProperty(localName = "NextUploadIdMarker") String nextUploadIdMarker,
            @JacksonXmlProperty(localName = "Prefix") String prefix,
            @JacksonXmlProperty(localName = "Delimiter") String delimiter,
            @JacksonXmlProperty(localName = "MaxUploads") int maxUploads,
            @JacksonXmlProperty(localName = "EncodingType") String encodingType,
            @JacksonXmlProperty(localName = "IsTruncated") boolean truncated,
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Upload")
            List<Upload> uploads,
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "CommonPrefixes")
            List<ListBucketResult.CommonPrefix> commonPrefixes) implements S3Document {
    }

    /** One open upload. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"Key", "UploadId", "Initiator", "Owner", "StorageClass", "Initiated", "ChecksumAlgorithm",
        "ChecksumType"})
    public record Upload(
            @JacksonXmlProperty(localName = "Key") String key,
            @JacksonXmlProperty(localName = "UploadId") String uploadId,
            @JacksonXmlProperty(localName = "Initiator") Owner initiator,
            @JacksonXmlProperty(localName = "Owner") Owner owner,
            @JacksonXmlProperty(localName = "StorageClass") String storageClass,
            @JacksonXmlProperty(localName = "Initiated") String initiated,
            @JacksonXmlProperty(localName = "ChecksumAlgorithm") String checksumAlgorithm,
            @JacksonXmlProperty(localName = "ChecksumType") String checksumType) {
    }

    /** ListParts. */
    @JacksonXmlRootElement(localName = "ListPartsResult")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"Bucket", "Key", "UploadId", "Initiator", "Owner", "StorageClass", "PartNumberMarker",
        "NextPartNumberMarker", "MaxParts", "IsTruncated", "ChecksumAlgorithm", "ChecksumType", "Part"})
    public record ListPartsResult(
            @JacksonXmlProperty(localName = "Bucket") String bucket,
            @JacksonXmlProperty(localName = "Key") String key,
            @JacksonXmlProperty(localName = "UploadId") String uploadId,
            @JacksonXmlProperty(localName = "Initiator") Owner initiator,
            @JacksonXmlProperty(localName = "Owner") Owner owner,
            @JacksonXmlProperty(localName = "StorageClass") String storageClass,
            @JacksonXmlProperty(localName = "PartNumberMarker") int partNumberMarker,
            @JacksonXmlProperty(localName = "NextPartNumberMarker") Integer nextPartNumberMarker,
            @JacksonXmlProperty(localName = "MaxParts") int maxParts,
            @JacksonXmlProperty(localName = "IsTruncated") boolean truncated,
            @JacksonXmlProperty(localName = "ChecksumAlgorithm") String checksumAlgorithm,
            @JacksonXmlProperty(localName = "ChecksumType") String checksumType,
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Part")
            List<Part> parts) implements S3Document {
    }

    /** One uploaded part. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"PartNumber", "LastModified", "ETag", "Size"})
    public record Part(
            @JacksonXmlProperty(localName = "PartNumber") int partNumber,
            @JacksonXmlProperty(localName = "LastModified") String lastModified,
            @JacksonXmlProperty(localName = "ETag") String etag,
            @JacksonXmlProperty(localName = "Size") long size,
            @JsonUnwrapped ChecksumFields checksum) {
    }
}

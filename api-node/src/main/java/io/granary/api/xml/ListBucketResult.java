package io.granary.api.xml;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/**
 * The ListObjects (v1) and ListObjectsV2 answer; the fields of the other version stay null and are
 * not written. Keys and prefixes are already URL-encoded when {@code EncodingType} is {@code url}.
 */
@JacksonXmlRootElement(localName = "ListBucketResult")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"Name", "Prefix", "Marker", "NextMarker", "ContinuationToken", "NextContinuationToken",
    "StartAfter", "KeyCount", "MaxKeys", "Delimiter", "EncodingType", "IsTruncated", "Contents", "CommonPrefixes"})
public record ListBucketResult(
        @JacksonXmlProperty(localName = "Name") String name,
        @JacksonXmlProperty(localName = "Prefix") String prefix,
        @JacksonXmlProperty(localName = "Marker") String marker,
        @JacksonXmlProperty(localName = "NextMarker") String nextMarker,
        @JacksonXmlProperty(localName = "ContinuationToken") String continuationToken,
        @JacksonXmlProperty(localName = "NextContinuationToken") String nextContinuationToken,
        @JacksonXmlProperty(localName = "StartAfter") String startAfter,
        @JacksonXmlProperty(localName = "KeyCount") Integer keyCount,
        @JacksonXmlProperty(localName = "MaxKeys") int maxKeys,
        @JacksonXmlProperty(localName = "Delimiter") String delimiter,
        @JacksonXmlProperty(localName = "EncodingType") String encodingType,
        @JacksonXmlProperty(localName = "IsTruncated") boolean truncated,
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Contents")
        List<Entry> contents,
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "CommonPrefixes")
        List<CommonPrefix> commonPrefixes) implements S3Document {

    /** One object of a listing. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"Key", "LastModified", "ETag", "ChecksumAlgorithm", "ChecksumType", "Size", "Owner",
        "StorageClass"})
    public record Entry(
            @JacksonXmlProperty(localName = "Key") String key,
            @JacksonXmlProperty(localName = "LastModified") String lastModified,
            @JacksonXmlProperty(localName = "ETag") String etag,
            @JacksonXmlProperty(localName = "ChecksumAlgorithm") String checksumAlgorithm,
            @JacksonXmlProperty(localName = "ChecksumType") String checksumType,
            @JacksonXmlProperty(localName = "Size") long size,
            @JacksonXmlProperty(localName = "Owner") Owner owner,
            @JacksonXmlProperty(localName = "StorageClass") String storageClass) {
    }

    /** One rolled-up prefix of a delimiter listing. */
    public record CommonPrefix(@JacksonXmlProperty(localName = "Prefix") String prefix) {
    }
}

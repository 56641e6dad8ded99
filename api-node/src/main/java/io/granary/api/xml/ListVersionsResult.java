package io.granary.api.xml;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/**
 * The ListObjectVersions answer; in an unversioned bucket every object has version id {@code null}. Versions and
 * delete markers come in their own element lists, each in S3 order (SDKs read them as two lists).
 */
@JacksonXmlRootElement(localName = "ListVersionsResult")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"Name", "Prefix", "KeyMarker", "VersionIdMarker", "NextKeyMarker", "NextVersionIdMarker",
    "MaxKeys", "Delimiter", "EncodingType", "IsTruncated", "Version", "DeleteMarker", "CommonPrefixes"})
public record ListVersionsResult(
        @JacksonXmlProperty(localName = "Name") String name,
        @JacksonXmlProperty(localName = "Prefix") String prefix,
        @JacksonXmlProperty(localName = "KeyMarker") String keyMarker,
        @JacksonXmlProperty(localName = "VersionIdMarker") String versionIdMarker,
        @JacksonXmlProperty(localName = "NextKeyMarker") String nextKeyMarker,
        @JacksonXmlProperty(localName = "NextVersionIdMarker") String nextVersionIdMarker,
        @JacksonXmlProperty(localName = "MaxKeys") int maxKeys,
        @JacksonXmlProperty(localName = "Delimiter") String delimiter,
        @JacksonXmlProperty(localName = "EncodingType") String encodingType,
        @JacksonXmlProperty(localName = "IsTruncated") boolean truncated,
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Version")
        List<Version> versions,
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "DeleteMarker")
        List<DeleteMarker> deleteMarkers,
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "CommonPrefixes")
        List<ListBucketResult.CommonPrefix> commonPrefixes) implements S3Document {

    /** One object version. */
    @JsonPropertyOrder({"Key", "VersionId", "IsLatest", "LastModified", "ETag", "Size", "Owner", "StorageClass"})
    public record Version(
            @JacksonXmlProperty(localName = "Key") String key,
            @JacksonXmlProperty(localName = "VersionId") String versionId,
            @JacksonXmlProperty(localName = "IsLatest") boolean latest,
            @JacksonXmlProperty(localName = "LastModified") String lastModified,
            @JacksonXmlProperty(localName = "ETag") String etag,
            @JacksonXmlProperty(localName = "Size") long size,
            @JacksonXmlProperty(localName = "Owner") Owner owner,
            @JacksonXmlProperty(localName = "StorageClass") String storageClass) {
    }

    /** One delete marker. */
    @JsonPropertyOrder({"Key", "VersionId", "IsLatest", "LastModified", "Owner"})
    public record DeleteMarker(
            @JacksonXmlProperty(localName = "Key") String key,
            @JacksonXmlProperty(localName = "VersionId") String versionId,
            @JacksonXmlProperty(localName = "IsLatest") boolean latest,
            @JacksonXmlProperty(localName = "LastModified") String lastModified,
            @JacksonXmlProperty(localName = "Owner") Owner owner) {
    }
}

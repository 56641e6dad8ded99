package io.granary.api.xml;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import io.granary.metadata.store.DeleteOutcome;
import java.util.List;

/** The answers of CopyObject, UploadPartCopy, DeleteObjects and GetObjectAttributes. */
public final class ObjectDocuments {

    private ObjectDocuments() {
    }

    /** CopyObject. */
    @JacksonXmlRootElement(localName = "CopyObjectResult")
    @JsonPropertyOrder({"ETag", "LastModified"})
    public record CopyObjectResult(
            @JacksonXmlProperty(localName = "ETag") String etag,
            @JacksonXmlProperty(localName = "LastModified") String lastModified,
            @JsonUnwrapped ChecksumFields checksum) implements S3Document {
    }

    /** UploadPartCopy. */
    @JacksonXmlRootElement(localName = "CopyPartResult")
    @JsonPropertyOrder({"ETag", "LastModified"})
    public record CopyPartResult(
            @JacksonXmlProperty(localName = "ETag") String etag,
            @JacksonXmlProperty(localName = "LastModified") String lastModified,
            @JsonUnwrapped ChecksumFields checksum) implements S3Document {
    }

    /** DeleteObjects; in quiet mode only the errors are listed. */
    @JacksonXmlRootElement(localName = "DeleteResult")
    @JsonPropertyOrder({"Deleted", "Error"})
    public record DeleteResult(
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Deleted")
            List<Deleted> deleted,
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Error")
            List<DeleteError> errors) implements S3Document {
    }

    /** One deleted key. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Deleted(@JacksonXmlProperty(localName = "Key") String key,
            @JacksonXmlProperty(localName = "VersionId") String versionId,
            @JacksonXmlProperty(localName = "DeleteMarker") Boolean deleteMarker,
            @JacksonXmlProperty(localName = "DeleteMarkerVersionId") String deleteMarkerVersionId) {

        /**
         * The entry for a key deleted as asked ({@code requested}: the entry's VersionId): naming a version echoes
         * it (and says if it was a marker); without one, a versioned bucket reports the marker it wrote.
         */
        public static Deleted of(String key, String requested, DeleteOutcome outcome) {
            if (requested != null) {
                return outcome.deleteMarker() ? new Deleted(key, requested, true, requested)
                        : new Deleted(key, requested, null, null);
            }
            if (outcome.deleteMarker()) return new Deleted(key, null, true, outcome.versionId());
            return new Deleted(key, null, null, null);
        }
    }

    /** One key that could not be deleted. */
    @JsonPropertyOrder({"Key", "Code", "Message"})
    public record DeleteError(@JacksonXmlProperty(localName = "Key") String key,
            @JacksonXmlProperty(localName = "Code") String code,
            @JacksonXmlProperty(localName = "Message") String message) {
    }

    /** GetObjectAttributes; attributes not asked for stay null and are not written. */
    @JacksonXmlRootElement(localName = "GetObjectAttributesResponse")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"ETag", "Checksum", "ObjectParts", "StorageClass", "ObjectSize"})
    public record GetObjectAttributesResponse(
            @JacksonXmlProperty(localName = "ETag") String etag,
            @JacksonXmlProperty(localName = "Checksum") ChecksumFields checksum,
            @JacksonXmlProperty(localName = "ObjectParts") ObjectParts objectParts,
            @JacksonXmlProperty(localName = "StorageClass") String storageClass,
            @JacksonXmlProperty(localName = "ObjectSize") Long objectSize) implements S3Document {
    }

    /** The parts summary of GetObjectAttributes (the model calls the count TotalPartsCount; the wire, PartsCount). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"PartsCount", "PartNumberMarker", "NextPartNumberMarker", "MaxParts", "IsTruncated",
        "Part"})
    public record ObjectParts(
            @JacksonXmlProperty(localName = "PartsCount") int totalPartsCount,
            @JacksonXmlProperty(localName = "PartNumberMarker") Integer partNumberMarker,
            @JacksonXmlProperty(localName = "NextPartNumberMarker") Integer nextPartNumberMarker,
            @JacksonXmlProperty(localName = "MaxParts") Integer maxParts,
            @JacksonXmlProperty(localName = "IsTruncated") Boolean truncated,
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Part")
            List<AttributesPart> parts) {
    }

    /** One part in GetObjectAttributes. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"PartNumber", "Size"})
    public record AttributesPart(@JacksonXmlProperty(localName = "PartNumber") int partNumber,
            @JacksonXmlProperty(localName = "Size") long size,
            @JsonUnwrapped ChecksumFields checksum) {
    }
}

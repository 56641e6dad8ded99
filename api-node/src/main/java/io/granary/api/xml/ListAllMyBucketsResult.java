package io.granary.api.xml;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/**
 * The ListBuckets answer; {@code ContinuationToken} only when more buckets follow, {@code Prefix} only
 * when the request had one (null fields are not written).
 */
@JacksonXmlRootElement(localName = "ListAllMyBucketsResult")
@JsonPropertyOrder({"Owner", "Buckets", "ContinuationToken", "Prefix"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListAllMyBucketsResult(
        @JacksonXmlProperty(localName = "Owner") Owner owner,
        @JacksonXmlElementWrapper(localName = "Buckets") @JacksonXmlProperty(localName = "Bucket")
        List<Bucket> buckets,
        @JacksonXmlProperty(localName = "ContinuationToken") String continuationToken,
        @JacksonXmlProperty(localName = "Prefix") String prefix) implements S3Document {

    /** One bucket; {@code CreationDate} in ISO-8601 with milliseconds, as S3 writes it. */
    @JsonPropertyOrder({"Name", "CreationDate", "BucketRegion"})
    public record Bucket(@JacksonXmlProperty(localName = "Name") String name,
            @JacksonXmlProperty(localName = "CreationDate") String creationDate,
            @JacksonXmlProperty(localName = "BucketRegion") String region) {
    }
}

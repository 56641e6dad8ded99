package io.granary.api.xml;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/** The ListBuckets answer. */
@JacksonXmlRootElement(localName = "ListAllMyBucketsResult")
@JsonPropertyOrder({"Owner", "Buckets"})
public record ListAllMyBucketsResult(
        @JacksonXmlProperty(localName = "Owner") Owner owner,
        @JacksonXmlElementWrapper(localName = "Buckets") @JacksonXmlProperty(localName = "Bucket")
        List<Bucket> buckets) implements S3Document {

    /** One bucket; {@code CreationDate} in ISO-8601 with milliseconds, as S3 writes it. */
    public record Bucket(@JacksonXmlProperty(localName = "Name") String name,
            @JacksonXmlProperty(localName = "CreationDate") String creationDate) {
    }
}

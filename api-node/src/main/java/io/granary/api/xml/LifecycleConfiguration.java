package io.granary.api.xml;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/**
 * A bucket's lifecycle configuration, read by PutBucketLifecycleConfiguration and written by its Get. Absent
 * elements are null as read and left out when written. Transitions are only read, to refuse them.
 */
@JacksonXmlRootElement(localName = "LifecycleConfiguration")
@JsonIgnoreProperties(value = "xmlns", allowGetters = true)
public record LifecycleConfiguration(
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Rule") List<Rule> rules)
        implements S3Document {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rule(@JacksonXmlProperty(localName = "ID") String id,
            @JacksonXmlProperty(localName = "Prefix") String prefix,
            @JacksonXmlProperty(localName = "Filter") Filter filter,
            @JacksonXmlProperty(localName = "Status") String status,
            @JacksonXmlProperty(localName = "Expiration") Expiration expiration,
            @JacksonXmlProperty(localName = "NoncurrentVersionExpiration")
            NoncurrentVersionExpiration noncurrentVersionExpiration,
            @JacksonXmlProperty(localName = "AbortIncompleteMultipartUpload") AbortIncomplete abortIncomplete,
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Transition")
            List<JsonNode> transitions,
            @JacksonXmlElementWrapper(useWrapping = false)
            @JacksonXmlProperty(localName = "NoncurrentVersionTransition") List<JsonNode> noncurrentTransitions) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Filter(@JacksonXmlProperty(localName = "Prefix") String prefix,
            @JacksonXmlProperty(localName = "Tag") Tag tag,
            @JacksonXmlProperty(localName = "ObjectSizeGreaterThan") Long sizeGreaterThan,
            @JacksonXmlProperty(localName = "ObjectSizeLessThan") Long sizeLessThan,
            @JacksonXmlProperty(localName = "And") And and) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record And(@JacksonXmlProperty(localName = "Prefix") String prefix,
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Tag") List<Tag> tags,
            @JacksonXmlProperty(localName = "ObjectSizeGreaterThan") Long sizeGreaterThan,
            @JacksonXmlProperty(localName = "ObjectSizeLessThan") Long sizeLessThan) {
    }

    public record Tag(@JacksonXmlProperty(localName = "Key") String key,
            @JacksonXmlProperty(localName = "Value") String value) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Expiration(@JacksonXmlProperty(localName = "Days") Integer days,
            @JacksonXmlProperty(localName = "Date") String date,
            @JacksonXmlProperty(localName = "ExpiredObjectDeleteMarker") Boolean expiredObjectDeleteMarker) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NoncurrentVersionExpiration(@JacksonXmlProperty(localName = "NoncurrentDays") Integer days,
            @JacksonXmlProperty(localName = "NewerNoncurrentVersions") Integer newerNoncurrentVersions) {
    }

    public record AbortIncomplete(@JacksonXmlProperty(localName = "DaysAfterInitiation") Integer days) {
    }
}

package io.granary.api.xml;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/**
 * The object tag set, read by PutObjectTagging and written by GetObjectTagging. {@code TagSet} is an
 * explicit record because Jackson cannot bind a wrapped list to a record constructor.
 */
@JacksonXmlRootElement(localName = "Tagging")
@JsonIgnoreProperties(value = "xmlns", allowGetters = true)
public record Tagging(@JacksonXmlProperty(localName = "TagSet") TagSet tagSet) implements S3Document {

    public static Tagging of(List<Tag> tags) {
        return new Tagging(new TagSet(tags));
    }

    /** The tags, never null. */
    public List<Tag> tags() {
        return tagSet == null || tagSet.tags() == null ? List.of() : tagSet.tags();
    }

    /** The list of tags. */
    public record TagSet(
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Tag") List<Tag> tags) {
    }

    /** One tag. */
    public record Tag(@JacksonXmlProperty(localName = "Key") String key,
            @JacksonXmlProperty(localName = "Value") String value) {
    }
}

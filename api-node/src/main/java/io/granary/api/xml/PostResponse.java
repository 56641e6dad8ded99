package io.granary.api.xml;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/** The answer to a POST upload with {@code success_action_status} 201. */
@JacksonXmlRootElement(localName = "PostResponse")
@JsonPropertyOrder({"location", "bucket", "key", "etag"})
public record PostResponse(@JacksonXmlProperty(localName = "Location") String location,
        @JacksonXmlProperty(localName = "Bucket") String bucket,
        @JacksonXmlProperty(localName = "Key") String key,
        @JacksonXmlProperty(localName = "ETag") String etag) {
}

package io.granary.api.xml;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.Map;

/** The S3 error document; error documents carry no namespace. */
@JacksonXmlRootElement(localName = "Error")
@JsonPropertyOrder({"Code", "Message", "Resource", "RequestId", "HostId"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorDocument(
        @JacksonXmlProperty(localName = "Code") String code,
        @JacksonXmlProperty(localName = "Message") String message,
        @JacksonXmlProperty(localName = "Resource") String resource,
        @JacksonXmlProperty(localName = "RequestId") String requestId,
        @JacksonXmlProperty(localName = "HostId") String hostId,
        Map<String, String> extras) {

    /** Extra elements (StringToSign, Key, BucketName, ...), written after the fixed ones. */
    @JsonAnyGetter
    @Override
    public Map<String, String> extras() {
        return extras;
    }
}

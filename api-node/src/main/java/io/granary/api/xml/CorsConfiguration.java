package io.granary.api.xml;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/** The bucket CORS configuration, read by PutBucketCors and written by GetBucketCors. */
@JacksonXmlRootElement(localName = "CORSConfiguration")
@JsonIgnoreProperties(value = "xmlns", allowGetters = true)
public record CorsConfiguration(
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "CORSRule") List<Rule> rules)
        implements S3Document {

    /** One rule; absent lists are null as read, and left out when written. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Rule(@JacksonXmlProperty(localName = "ID") String id,
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "AllowedHeader")
            List<String> allowedHeaders,
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "AllowedMethod")
            List<String> allowedMethods,
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "AllowedOrigin")
            List<String> allowedOrigins,
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "ExposeHeader")
            List<String> exposeHeaders,
            @JacksonXmlProperty(localName = "MaxAgeSeconds") Integer maxAgeSeconds) {
    }
}

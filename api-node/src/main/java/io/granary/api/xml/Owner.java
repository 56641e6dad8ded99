package io.granary.api.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;

/** The owner element of listings and ACLs. */
public record Owner(@JacksonXmlProperty(localName = "ID") String id,
        @JacksonXmlProperty(localName = "DisplayName") String displayName) {
}

package io.granary.api.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;

/**
 * A response document in the S3 namespace. The namespace is written as a plain {@code xmlns}
 * attribute on the root, because a namespaced root makes Jackson put {@code xmlns=""} on every
 * child, which would move the children out of the S3 namespace.
 */
public interface S3Document {

    @JacksonXmlProperty(isAttribute = true, localName = "xmlns")
    default String xmlns() {
        return XmlWriter.S3_NAMESPACE;
    }
}

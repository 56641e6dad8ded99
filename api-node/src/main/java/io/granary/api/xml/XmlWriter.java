package io.granary.api.xml;

import com.ctc.wstx.api.InvalidCharHandler;
import com.ctc.wstx.api.WstxOutputProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.ser.ToXmlGenerator;
import io.vertx.core.buffer.Buffer;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;

/**
 * The one place that turns response documents (Jackson-annotated records in this package) into the
 * bytes S3 clients parse: UTF-8, with the XML declaration, no indentation. Thread-safe.
 */
public final class XmlWriter {
    /** The namespace of every S3 response document except errors. */
    public static final String S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

    private static final XmlMapper MAPPER = XmlMapper.builder(secureFactory())
            .enable(ToXmlGenerator.Feature.WRITE_XML_DECLARATION)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private XmlWriter() {
    }

    /**
     * Request bodies come from clients: no DTDs, so no entity expansion and no external entities. Keys and
     * paths may hold characters XML 1.0 cannot carry (NUL, most C0 controls); they are written as U+FFFD
     * instead of failing the whole document (S3 points such clients to {@code encoding-type=url}).
     */
    private static XmlFactory secureFactory() {
        XMLInputFactory input = XMLInputFactory.newFactory();
        input.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        input.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLOutputFactory output = XMLOutputFactory.newFactory();
        output.setProperty(WstxOutputProperties.P_OUTPUT_INVALID_CHAR_HANDLER,
                new InvalidCharHandler.ReplacingHandler('\uFFFD'));
        return XmlFactory.builder().xmlInputFactory(input).xmlOutputFactory(output).build();
    }

    public static Buffer write(Object document) {
        try {
            return Buffer.buffer(MAPPER.writeValueAsBytes(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + document.getClass().getSimpleName(), e);
        }
    }

    /** The shared mapper, also used to read request documents. */
    public static XmlMapper mapper() {
        return MAPPER;
    }
}

package io.granary.api.xml;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The response documents of the AWS Query protocol (IAM, STS): {@code <ActionResponse xmlns=..>}
 * around {@code <ActionResult>} and {@code <ResponseMetadata>}, lists as {@code <Name><member>..}, and
 * the {@code <ErrorResponse>} of a refused call. Their shapes vary per action far more than S3's, so
 * they are streamed element by element (escaping by StAX) instead of one record per document.
 * Not thread-safe; one per answer.
 */
public final class QueryDocument {
    /** IAM's response namespace. */
    public static final String IAM_NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";
    /** STS's response namespace. */
    public static final String STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();
    private static final byte[] DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>".getBytes(
            StandardCharsets.UTF_8);

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    private final XMLStreamWriter xml;

    private QueryDocument() {
        // The declaration as S3's documents write it (StAX writers differ in their quotes).
        bytes.writeBytes(DECLARATION);
        try {
            xml = FACTORY.createXMLStreamWriter(bytes, "UTF-8");
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A successful answer to {@code action}.
     *
     * @param result writes the children of {@code <ActionResult>}, or null for an action without result
     */
    public static Buffer response(String namespace, String action, String requestId, Consumer<QueryDocument> result) {
        QueryDocument doc = new QueryDocument();
        doc.start(action + "Response");
        doc.attribute("xmlns", namespace);
        if (result != null) {
            doc.start(action + "Result");
            result.accept(doc);
            doc.end();
        }
        doc.start("ResponseMetadata").element("RequestId", requestId).end();
        return doc.end().finish();
    }

    /** IAM's and STS's error document; {@code type} is {@code Sender} or {@code Receiver}. */
    public static Buffer error(String namespace, String type, String code, String message, String requestId) {
        QueryDocument doc = new QueryDocument();
        doc.start("ErrorResponse");
        doc.attribute("xmlns", namespace);
        doc.start("Error").element("Type", type).element("Code", code).element("Message", message).end();
        doc.element("RequestId", requestId);
        return doc.end().finish();
    }

    public QueryDocument start(String name) {
        try {
            xml.writeStartElement(name);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public QueryDocument end() {
        try {
            xml.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** {@code <name>value</name>}; nothing when {@code value} is null (IAM omits absent fields). */
    public QueryDocument element(String name, Object value) {
        if (value == null) return this;
        start(name);
        try {
            xml.writeCharacters(value.toString());
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return end();
    }

    /** {@code <name><member>..</member>...</name>}, each member's children written by {@code each}. */
    public <T> QueryDocument members(String name, Collection<T> items, BiConsumer<QueryDocument, T> each) {
        start(name);
        for (T item : items) {
            start("member");
            each.accept(this, item);
            end();
        }
        return end();
    }

    /** {@code <name><member>value</member>...</name>}. */
    public QueryDocument values(String name, Collection<String> items) {
        start(name);
        items.forEach(item -> element("member", item));
        return end();
    }

    private void attribute(String name, String value) {
        try {
            xml.writeAttribute(name, value);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private Buffer finish() {
        try {
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return Buffer.buffer(bytes.toByteArray());
    }
}

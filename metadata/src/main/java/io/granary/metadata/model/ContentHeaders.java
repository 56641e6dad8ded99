package io.granary.metadata.model;

/**
 * The standard representation headers stored with an object or given when a multipart upload is
 * created. Every field is nullable: null means the client did not send that header.
 */
public record ContentHeaders(String contentType, String cacheControl, String contentDisposition,
                             String contentEncoding, String contentLanguage, String expires) {

    /** Headers with nothing set. */
    public static ContentHeaders none() {
        return new ContentHeaders(null, null, null, null, null, null);
    }
}

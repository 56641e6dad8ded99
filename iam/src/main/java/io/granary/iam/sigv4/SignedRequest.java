package io.granary.iam.sigv4;

import java.util.Objects;

/**
 * What the verifier needs of an HTTP request, built by the API node before reading the body. {@code rawPath}
 * and {@code rawQuery} are exactly as they came off the wire (still percent-encoded, query without the '?',
 * empty when there is none), {@code query} is that query split once into its still-encoded parameters; the
 * verifier does its own decoding so that the canonical request matches what the client signed.
 */
public record SignedRequest(String method, String rawPath, String rawQuery, QueryParameters query, HeaderMap headers) {
    public SignedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        Objects.requireNonNull(headers, "headers");
        rawQuery = rawQuery == null ? "" : rawQuery;
        Objects.requireNonNull(query, "query");
    }

    /** A request whose query is split here; the API node passes the split it already made instead. */
    public SignedRequest(String method, String rawPath, String rawQuery, HeaderMap headers) {
        this(method, rawPath, rawQuery, QueryParameters.parse(rawQuery == null ? "" : rawQuery), headers);
    }
}

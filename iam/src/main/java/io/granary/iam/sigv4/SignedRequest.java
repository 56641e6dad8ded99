package io.granary.iam.sigv4;

import java.util.Objects;

/**
 * What the verifier needs of an HTTP request, built by the API node before reading the body. {@code rawPath}
 * and {@code rawQuery} are exactly as they came off the wire (still percent-encoded, query without the '?',
 * empty when there is none); the verifier does its own decoding so that the canonical request matches what
 * the client signed.
 */
public record SignedRequest(String method, String rawPath, String rawQuery, HeaderMap headers) {
    public SignedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        Objects.requireNonNull(headers, "headers");
        rawQuery = rawQuery == null ? "" : rawQuery;
    }
}

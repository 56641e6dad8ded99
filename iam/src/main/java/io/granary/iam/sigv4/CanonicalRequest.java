package io.granary.iam.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The SigV4 canonical request of a received request, and the string to sign built from it. S3 rules: the
 * path is not normalised and each segment is decoded then encoded once (an encoded '/' inside a segment
 * stays encoded); header values are trimmed, runs of whitespace collapse to one space, repeated headers join
 * with ','. {@link #text()} is byte for byte what the client hashed.
 */
public record CanonicalRequest(String method, String canonicalUri, String canonicalQuery, String canonicalHeaders,
                               String signedHeaders, String payloadHash) {

    public String text() {
        return method + '\n' + canonicalUri + '\n' + canonicalQuery + '\n' + canonicalHeaders + '\n'
                + signedHeaders + '\n' + payloadHash;
    }

    /** Builds the canonical request; {@code excludedParam} (decoded name or null) is left out of the query. */
    public static CanonicalRequest of(SignedRequest request, QueryParameters query, String excludedParam,
                                      List<String> signedHeaders, String payloadHash, boolean normalizePath) {
        return new CanonicalRequest(request.method(), canonicalUri(request.rawPath(), normalizePath),
                query.canonical(excludedParam), canonicalHeaders(request.headers(), signedHeaders),
                String.join(";", signedHeaders), payloadHash);
    }

    /** The string to sign: algorithm, timestamp, scope, hex SHA-256 of the canonical request. */
    public String stringToSign(String timestamp, String scope) {
        return SigV4Signing.ALGORITHM + '\n' + timestamp + '\n' + scope + '\n'
                + SigV4Signing.sha256Hex(text().getBytes(StandardCharsets.UTF_8));
    }

    /** The canonical URI of a raw wire path; {@code normalize} is for non-S3 services only. */
    public static String canonicalUri(String rawPath, boolean normalize) {
        if (rawPath.isEmpty()) return "/";
        String[] segments = rawPath.split("/", -1);
        StringBuilder out = new StringBuilder(rawPath.length() + 16);
        if (normalize) {
            Deque<String> kept = new ArrayDeque<>();
            for (String segment : segments) {
                if (segment.equals("..")) {
                    kept.pollLast();
                } else if (!segment.isEmpty() && !segment.equals(".")) {
                    kept.addLast(UriEncoding.canonical(segment));
                }
            }
            for (String segment : kept) out.append('/').append(segment);
            if (kept.isEmpty() || rawPath.endsWith("/")) out.append('/');
            return out.toString();
        }
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) out.append('/');
            out.append(UriEncoding.canonical(segments[i]));
        }
        return out.charAt(0) == '/' ? out.toString() : "/" + out;
    }

    /** One {@code name:value\n} line per signed header, in the order given (already sorted by the signer). */
    static String canonicalHeaders(HeaderMap headers, List<String> signedHeaders) {
        StringBuilder out = new StringBuilder(64 * signedHeaders.size());
        for (String name : signedHeaders) {
            out.append(name).append(':');
            List<String> values = headers.all(name);
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) out.append(',');
                appendTrimmed(out, values.get(i));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static void appendTrimmed(StringBuilder out, String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isSpace(value.charAt(start))) start++;
        while (end > start && isSpace(value.charAt(end - 1))) end--;
        boolean previousSpace = false;
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (isSpace(c)) {
                if (!previousSpace) out.append(' ');
                previousSpace = true;
            } else {
                out.append(c);
                previousSpace = false;
            }
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}

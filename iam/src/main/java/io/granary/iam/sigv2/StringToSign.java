package io.granary.iam.sigv2;

import io.granary.iam.sigv4.HeaderMap;
import io.granary.iam.sigv4.QueryParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * S3's Signature V2 string to sign: {@code METHOD\nContent-MD5\nContent-Type\nDate-or-Expires\n}, then the
 * canonicalized {@code x-amz-*} headers ({@code name:value\n} each: names lower-cased and sorted, values trimmed,
 * folded lines unfolded, repeated headers joined by ','), then the {@link CanonicalResource}.
 */
final class StringToSign {
    private static final String AMZ_PREFIX = "x-amz-";

    private StringToSign() {
    }

    /**
     * @param date          the Date header, the empty string when x-amz-date is present, or the presigned Expires
     * @param presignedQuery for presigned requests, whose {@code x-amz-*} (e.g. the session token),
     *                      {@code Content-MD5} and {@code Content-Type} may travel as query parameters; else null
     */
    static String of(String method, HeaderMap headers, QueryParameters presignedQuery, String date,
            String resource) {
        StringBuilder out = new StringBuilder(128 + resource.length());
        out.append(method).append('\n');
        out.append(standard(headers, presignedQuery, "content-md5")).append('\n');
        out.append(standard(headers, presignedQuery, "content-type")).append('\n');
        out.append(date).append('\n');
        for (Map.Entry<String, List<String>> header : amzHeaders(headers, presignedQuery).entrySet()) {
            out.append(header.getKey()).append(':').append(String.join(",", header.getValue())).append('\n');
        }
        return out.append(resource).toString();
    }

    private static String standard(HeaderMap headers, QueryParameters presignedQuery, String name) {
        String value = headers.first(name);
        if (value == null && presignedQuery != null) value = presignedQuery.first(name);
        return value == null ? "" : value.strip();
    }

    private static TreeMap<String, List<String>> amzHeaders(HeaderMap headers, QueryParameters presignedQuery) {
        TreeMap<String, List<String>> amz = new TreeMap<>();
        for (String name : headers.names().tailSet(AMZ_PREFIX, true)) {
            if (!name.startsWith(AMZ_PREFIX)) break;
            for (String value : headers.all(name)) {
                amz.computeIfAbsent(name, k -> new ArrayList<>(1)).add(unfold(value));
            }
        }
        if (presignedQuery != null) {
            presignedQuery.forEachDecoded((name, value) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.startsWith(AMZ_PREFIX)) {
                    amz.computeIfAbsent(lower, k -> new ArrayList<>(1)).add(unfold(value));
                }
            });
        }
        return amz;
    }

    /** Trims a value and replaces each line fold (CR/LF with the whitespace around it) by one space. */
    static String unfold(String value) {
        String trimmed = value.strip();
        if (trimmed.indexOf('\n') < 0 && trimmed.indexOf('\r') < 0) return trimmed;
        StringBuilder out = new StringBuilder(trimmed.length());
        int i = 0;
        while (i < trimmed.length()) {
            char c = trimmed.charAt(i);
            if (c == '\r' || c == '\n') {
                while (out.length() > 0 && isBlank(out.charAt(out.length() - 1))) out.setLength(out.length() - 1);
                while (i < trimmed.length() && (isBlank(trimmed.charAt(i)) || trimmed.charAt(i) == '\r'
                        || trimmed.charAt(i) == '\n')) {
                    i++;
                }
                out.append(' ');
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}

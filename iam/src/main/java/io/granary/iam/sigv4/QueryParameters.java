package io.granary.iam.sigv4;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A raw query string split into its parameters, in wire order, still encoded. Parameters are separated by
 * '&amp;'; a parameter without '=' has an empty value (S3 subresources such as {@code ?acl}); empty pieces are
 * dropped. Lookups compare decoded names, case-sensitively, as S3 does for {@code X-Amz-*} parameters.
 */
public final class QueryParameters {
    private final List<String[]> params;

    private QueryParameters(List<String[]> params) {
        this.params = params;
    }

    public static QueryParameters parse(String rawQuery) {
        List<String[]> params = new ArrayList<>();
        int start = 0;
        while (start <= rawQuery.length()) {
            int amp = rawQuery.indexOf('&', start);
            int end = amp < 0 ? rawQuery.length() : amp;
            if (end > start) {
                int eq = rawQuery.indexOf('=', start);
                if (eq < 0 || eq > end) {
                    params.add(new String[] {rawQuery.substring(start, end), ""});
                } else {
                    params.add(new String[] {rawQuery.substring(start, eq), rawQuery.substring(eq + 1, end)});
                }
            }
            start = end + 1;
        }
        return new QueryParameters(params);
    }

    /** The decoded value of the first parameter whose decoded name is {@code name}, or null. */
    public String first(String name) {
        for (String[] p : params) {
            if (UriEncoding.decodeToString(p[0]).equals(name)) return UriEncoding.decodeToString(p[1]);
        }
        return null;
    }

    /** Every parameter as decoded name and value, in wire order. */
    public void forEachDecoded(BiConsumer<String, String> action) {
        for (String[] p : params) {
            action.accept(UriEncoding.decodeToString(p[0]), UriEncoding.decodeToString(p[1]));
        }
    }

    public boolean contains(String name) {
        return first(name) != null;
    }

    /**
     * The canonical query string: names and values decoded then AWS-encoded, sorted by encoded name then
     * encoded value, joined as {@code name=value&...}. {@code excluded} (decoded name, may be null) is left out,
     * which is how the presigned form drops {@code X-Amz-Signature}.
     */
    public String canonical(String excluded) {
        if (params.isEmpty()) return "";
        List<String[]> encoded = new ArrayList<>(params.size());
        for (String[] p : params) {
            String name = UriEncoding.canonical(p[0]);
            if (excluded != null && UriEncoding.decodeToString(p[0]).equals(excluded)) continue;
            encoded.add(new String[] {name, UriEncoding.canonical(p[1])});
        }
        encoded.sort((a, b) -> {
            int byName = a[0].compareTo(b[0]);
            return byName != 0 ? byName : a[1].compareTo(b[1]);
        });
        StringBuilder out = new StringBuilder(64 * encoded.size());
        for (String[] p : encoded) {
            if (out.length() > 0) out.append('&');
            out.append(p[0]).append('=').append(p[1]);
        }
        return out.toString();
    }
}

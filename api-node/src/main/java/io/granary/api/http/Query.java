package io.granary.api.http;

import io.granary.api.error.S3Exception;
import io.granary.iam.sigv4.QueryParameters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request's query string, parsed once when the request arrives: split into its still-encoded parameters
 * (what the signature verifiers canonicalise) and decoded into names and values in wire order (what the
 * router and the handlers read). A parameter without '=' has an empty value ({@code ?acl}).
 */
public final class Query {
    private static final Query EMPTY = new Query("", QueryParameters.parse(""), Map.of());

    private final String raw;
    private final QueryParameters parameters;
    private final Map<String, List<String>> decoded;

    private Query(String raw, QueryParameters parameters, Map<String, List<String>> decoded) {
        this.raw = raw;
        this.parameters = parameters;
        this.decoded = decoded;
    }

    /**
     * @param raw the query as sent, without the '?'; null or empty for none
     * @throws S3Exception (from {@link PathCodec#decode}) when a name or value is not well percent-encoded UTF-8
     */
    public static Query parse(String raw) {
        if (raw == null || raw.isEmpty()) return EMPTY;
        Map<String, List<String>> decoded = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = PathCodec.decode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : PathCodec.decode(pair.substring(eq + 1), true);
            decoded.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
        }
        return new Query(raw, QueryParameters.parse(raw), Collections.unmodifiableMap(decoded));
    }

    /** The query exactly as sent, without the '?' (empty when none). */
    public String raw() {
        return raw;
    }

    /** The still-encoded split, for signature verification. */
    public QueryParameters parameters() {
        return parameters;
    }

    /** The decoded value of the first parameter called {@code name}, or null when there is none. */
    public String first(String name) {
        List<String> values = decoded.get(name);
        return values == null ? null : values.get(0);
    }

    /** Every decoded value of {@code name}, in wire order (empty when none). */
    public List<String> all(String name) {
        return decoded.getOrDefault(name, List.of());
    }

    public Set<String> names() {
        return decoded.keySet();
    }
}

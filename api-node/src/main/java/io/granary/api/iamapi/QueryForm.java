package io.granary.api.iamapi;

import io.granary.api.http.Query;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parameters of an AWS Query request: the form-encoded body and the query string, {@code Action},
 * {@code Version}, scalars, and the flattened lists AWS encodes as {@code Name.member.N} (and maps as
 * {@code Tags.member.N.Key}/{@code .Value}). A missing required parameter or an unparsable number is
 * IAM's {@code ValidationError}, worded as IAM words it.
 */
public final class QueryForm {
    private static final String MEMBER = ".member.";

    private final Map<String, String> params;

    private QueryForm(Map<String, String> params) {
        this.params = Collections.unmodifiableMap(params);
    }

    /** The parameters of the query string and the form body, each already parsed; later values of a name win. */
    public static QueryForm of(Query... parts) {
        Map<String, String> params = new LinkedHashMap<>();
        for (Query part : parts) {
            for (String name : part.names()) {
                List<String> values = part.all(name);
                params.put(name, values.get(values.size() - 1));
            }
        }
        return new QueryForm(params);
    }

    /** The Action parameter, or null. */
    public String action() {
        return params.get("Action");
    }

    public String optional(String name) {
        return params.get(name);
    }

    public String required(String name) {
        String value = params.get(name);
        if (value == null || value.isEmpty()) {
            throw new IamApiException(IamError.VALIDATION_ERROR, "1 validation error detected: Value null at '"
                    + memberName(name) + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    /** An integer parameter, or null when absent. */
    public Integer integer(String name) {
        String value = params.get(name);
        if (value == null) return null;
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new IamApiException(IamError.VALIDATION_ERROR, "1 validation error detected: Value '" + value
                    + "' at '" + memberName(name) + "' failed to satisfy constraint: Member must be a number");
        }
    }

    /** A boolean parameter ({@code true}/{@code false}), false when absent. */
    public boolean bool(String name) {
        return Boolean.parseBoolean(params.get(name));
    }

    /** The values of {@code name.member.1}, {@code name.member.2}, ... in member order. */
    public List<String> list(String name) {
        return new ArrayList<>(members(name, "").values());
    }

    /** {@code name.member.N.Key} and {@code .Value} pairs, in member order. */
    public Map<String, String> map(String name) {
        Map<Integer, String> keys = members(name, ".Key");
        Map<Integer, String> values = members(name, ".Value");
        Map<String, String> out = new LinkedHashMap<>();
        keys.forEach((n, key) -> out.put(key, values.getOrDefault(n, "")));
        return out;
    }

    private Map<Integer, String> members(String name, String suffix) {
        String prefix = name + MEMBER;
        Map<Integer, String> out = new TreeMap<>();
        for (Map.Entry<String, String> param : params.entrySet()) {
            String key = param.getKey();
            if (!key.startsWith(prefix) || !key.endsWith(suffix)) continue;
            String index = key.substring(prefix.length(), key.length() - suffix.length());
            try {
                out.put(Integer.parseInt(index), param.getValue());
            } catch (NumberFormatException e) {
                throw new IamApiException(IamError.VALIDATION_ERROR, "Invalid list member " + key);
            }
        }
        return out;
    }

    /** IAM names members in messages as lowerCamelCase: {@code UserName} → {@code userName}. */
    private static String memberName(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}

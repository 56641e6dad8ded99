package io.granary.api.http;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.xml.CorsConfiguration;
import io.granary.metadata.model.CorsRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A bucket's CORS rules: validation of a PutBucketCors document (as S3 validates it) and the matching of a
 * request against the rules, first match wins. An origin or allowed header holds at most one {@code *}, which
 * matches any run of characters; origins compare case-sensitively, header names (and the methods, which S3
 * lists upper-case) not.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/ManageCorsUsing.html">CORS configuration</a>
 */
public final class CorsRules {
    /** S3 allows at most 100 rules per configuration. */
    public static final int MAX_RULES = 100;
    /** The methods a rule may allow. */
    public static final Set<String> METHODS = Set.of("GET", "PUT", "POST", "DELETE", "HEAD");
    private static final int MAX_ID_LENGTH = 255;

    private CorsRules() {
    }

    /**
     * The rules of a parsed configuration, in order.
     *
     * @throws S3Exception MalformedXML (no rule, more than 100, a rule without origin or method) or
     *                     InvalidRequest (an unsupported method, a second wildcard, a wildcard ExposeHeader)
     */
    public static List<CorsRule> validate(CorsConfiguration configuration) {
        List<CorsConfiguration.Rule> rules = configuration.rules();
        if (rules == null || rules.isEmpty() || rules.size() > MAX_RULES) throw S3Exception.of(S3Error.MALFORMED_XML);
        List<CorsRule> valid = new ArrayList<>();
        for (CorsConfiguration.Rule rule : rules) {
            if (rule == null || empty(rule.allowedOrigins()) || empty(rule.allowedMethods())) {
                throw S3Exception.of(S3Error.MALFORMED_XML);
            }
            if (rule.id() != null && rule.id().length() > MAX_ID_LENGTH) {
                throw S3Exception.of(S3Error.INVALID_REQUEST, "The ID of a CORS rule must be at most 255 characters.");
            }
            for (String method : rule.allowedMethods()) {
                if (!METHODS.contains(method)) throw S3Exception.of(S3Error.INVALID_REQUEST,
                        "Found unsupported HTTP method in CORS config. Unsupported method is " + method);
            }
            rule.allowedOrigins().forEach(origin -> oneWildcard("AllowedOrigin", origin));
            if (rule.allowedHeaders() != null) rule.allowedHeaders().forEach(h -> oneWildcard("AllowedHeader", h));
            if (rule.exposeHeaders() != null) {
                for (String header : rule.exposeHeaders()) {
                    if (header.contains("*")) throw S3Exception.of(S3Error.INVALID_REQUEST, "ExposeHeader \""
                            + header + "\" contains wildcard. We currently do not support wildcard for ExposeHeader.");
                }
            }
            if (rule.maxAgeSeconds() != null && rule.maxAgeSeconds() < 0) throw S3Exception.of(S3Error.MALFORMED_XML);
            valid.add(new CorsRule(rule.id(), rule.allowedOrigins(), rule.allowedMethods(), rule.allowedHeaders(),
                    rule.exposeHeaders(), rule.maxAgeSeconds()));
        }
        return valid;
    }

    /** The stored rules as GetBucketCors returns them. */
    public static CorsConfiguration document(List<CorsRule> rules) {
        return new CorsConfiguration(rules.stream().map(r -> new CorsConfiguration.Rule(r.id(), r.allowedHeaders(),
                r.allowedMethods(), r.allowedOrigins(), r.exposeHeaders(), r.maxAgeSeconds())).toList());
    }

    /**
     * The first rule allowing {@code origin} to send {@code method} with every one of {@code requestHeaders}
     * (lower-case names), or null.
     */
    public static CorsRule match(List<CorsRule> rules, String origin, String method, List<String> requestHeaders) {
        for (CorsRule rule : rules) {
            if (rule.allowedMethods().contains(method) && allowsOrigin(rule, origin)
                    && requestHeaders.stream().allMatch(h -> allowsHeader(rule, h))) {
                return rule;
            }
        }
        return null;
    }

    /** Whether a rule names {@code *} itself as an origin, so S3 answers {@code Access-Control-Allow-Origin: *}. */
    public static boolean allowsAnyOrigin(CorsRule rule) {
        return rule.allowedOrigins().contains("*");
    }

    /** The header names of {@code Access-Control-Request-Headers}, trimmed and lower-case. */
    public static List<String> requestHeaders(String header) {
        if (header == null || header.isBlank()) return List.of();
        List<String> names = new ArrayList<>();
        for (String name : header.split(",")) {
            String trimmed = name.trim().toLowerCase(Locale.ROOT);
            if (!trimmed.isEmpty()) names.add(trimmed);
        }
        return names;
    }

    private static boolean allowsOrigin(CorsRule rule, String origin) {
        return rule.allowedOrigins().stream().anyMatch(pattern -> wildcardMatch(pattern, origin));
    }

    private static boolean allowsHeader(CorsRule rule, String header) {
        return rule.allowedHeaders().stream().anyMatch(pattern -> wildcardMatch(pattern.toLowerCase(Locale.ROOT),
                header));
    }

    /** {@code pattern} with at most one {@code *}, which stands for any (possibly empty) run of characters. */
    static boolean wildcardMatch(String pattern, String value) {
        int star = pattern.indexOf('*');
        if (star < 0) return pattern.equals(value);
        String prefix = pattern.substring(0, star);
        String suffix = pattern.substring(star + 1);
        return value.length() >= prefix.length() + suffix.length() && value.startsWith(prefix)
                && value.endsWith(suffix);
    }

    private static void oneWildcard(String element, String value) {
        if (value.indexOf('*') != value.lastIndexOf('*')) {
            throw S3Exception.of(S3Error.INVALID_REQUEST, element + " \"" + value
                    + "\" can not have more than one wildcard.");
        }
    }

    private static boolean empty(List<String> values) {
        return values == null || values.isEmpty();
    }
}

package io.granary.metadata.model;

import java.util.List;

/**
 * One rule of a bucket's CORS configuration, as the client sent it (validated by the API node). Lists
 * are never null (empty when the element was absent); {@code id} and {@code maxAgeSeconds} may be null.
 */
public record CorsRule(String id, List<String> allowedOrigins, List<String> allowedMethods,
        List<String> allowedHeaders, List<String> exposeHeaders, Integer maxAgeSeconds) {
    public CorsRule {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        allowedMethods = allowedMethods == null ? List.of() : List.copyOf(allowedMethods);
        allowedHeaders = allowedHeaders == null ? List.of() : List.copyOf(allowedHeaders);
        exposeHeaders = exposeHeaders == null ? List.of() : List.copyOf(exposeHeaders);
    }
}

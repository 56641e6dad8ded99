package io.granary.api.http;

import io.vertx.core.http.HttpServerRequest;

/**
 * One S3 request in flight: the Vert.x request, the ids already sent in its response headers, its query
 * string parsed once, and what the router made of it. Handlers receive it and pass it between their steps.
 */
public record S3Request(HttpServerRequest http, String requestId, String hostId, Query query,
        ResolvedRequest route) {

    public String header(String name) {
        return http.getHeader(name);
    }

    /** The decoded value of query parameter {@code name}, or null when the request has none. */
    public String query(String name) {
        return query.first(name);
    }

    public String bucket() {
        return route.bucket();
    }

    public String key() {
        return route.key();
    }
}

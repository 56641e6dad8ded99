package io.granary.api.handler;

import io.granary.api.auth.Caller;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.http.CorsRules;
import io.granary.api.http.S3Request;
import io.granary.api.xml.CorsConfiguration;
import io.granary.api.xml.XmlWriter;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.model.CorsRule;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * CORS, as S3 does it: Put/Get/DeleteBucketCors keep the rules in the bucket record; an {@code OPTIONS} preflight
 * is answered from them before and without authentication (403 {@code AccessForbidden} when no rule allows it);
 * and any other request that carries an {@code Origin} a rule allows for its method gets the
 * {@code Access-Control-*} headers, error answers included, because they are set before the operation runs.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/RESTOPTIONSobject.html">OPTIONS object</a>
 */
final class CorsHandler {
    static final String ORIGIN = "Origin";
    static final String REQUEST_METHOD = "Access-Control-Request-Method";
    static final String REQUEST_HEADERS = "Access-Control-Request-Headers";
    private static final String VARY = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method";
    private static final int MAX_CONFIGURATION_BYTES = 64 * 1024;

    private final Services services;
    private final Access access;

    CorsHandler(Services services, Access access) {
        this.services = services;
        this.access = access;
    }

    Future<Void> put(S3Request request, Caller caller) {
        return access.bucket(request, caller)
                .compose(bucket -> SmallBody.read(request, caller, MAX_CONFIGURATION_BYTES))
                .map(CorsHandler::rules)
                .compose(rules -> services.metadata().call(store -> {
                    store.buckets().putCors(request.bucket(), rules);
                    return null;
                }))
                .compose(v -> Responses.empty(request, 200));
    }

    Future<Void> get(S3Request request, Caller caller) {
        return access.bucket(request, caller).compose(bucket -> {
            if (bucket.cors() == null) {
                throw S3Exception.of(S3Error.NO_SUCH_CORS_CONFIGURATION).with("BucketName", bucket.name());
            }
            return Responses.xml(request, CorsRules.document(bucket.cors()));
        });
    }

    Future<Void> delete(S3Request request, Caller caller) {
        return access.bucket(request, caller)
                .compose(bucket -> services.metadata().call(store -> {
                    store.buckets().putCors(bucket.name(), null);
                    return null;
                }))
                .compose(v -> Responses.empty(request, 204));
    }

    private static List<CorsRule> rules(Buffer body) {
        CorsConfiguration configuration;
        try {
            configuration = XmlWriter.mapper().readValue(body.getBytes(), CorsConfiguration.class);
        } catch (IOException e) {
            throw S3Exception.of(S3Error.MALFORMED_XML);
        }
        return CorsRules.validate(configuration);
    }

    /** Answers an {@code OPTIONS} preflight; runs without authentication, as on S3. */
    Future<Void> preflight(S3Request request) {
        String origin = request.header(ORIGIN);
        String method = request.header(REQUEST_METHOD);
        if (origin == null) {
            throw S3Exception.of(S3Error.BAD_REQUEST, "Insufficient information. Origin request header needed.");
        }
        if (method == null || !CorsRules.METHODS.contains(method)) {
            throw S3Exception.of(S3Error.BAD_REQUEST, "Invalid Access-Control-Request-Method: " + method);
        }
        List<String> headers = CorsRules.requestHeaders(request.header(REQUEST_HEADERS));
        return find(request).compose(found -> {
            String resourceType = request.key() == null ? "BUCKET" : "OBJECT";
            if (found.isEmpty()) throw forbidden("CORSResponse: Bucket not found", method, resourceType);
            if (found.get().cors() == null) {
                throw forbidden("CORSResponse: CORS is not enabled for this bucket.", method, resourceType);
            }
            CorsRule rule = CorsRules.match(found.get().cors(), origin, method, headers);
            if (rule == null) throw forbidden(S3Error.ACCESS_FORBIDDEN.message(), method, resourceType);
            MultiMap response = request.http().response().headers();
            allow(response, rule, origin);
            response.set("Access-Control-Allow-Methods", String.join(", ", rule.allowedMethods()));
            if (!headers.isEmpty()) response.set("Access-Control-Allow-Headers", String.join(", ", headers));
            if (rule.maxAgeSeconds() != null) response.set("Access-Control-Max-Age", rule.maxAgeSeconds().toString());
            request.http().resume();
            return Responses.empty(request, 200);
        });
    }

    /**
     * Sets the CORS headers of an actual request whose {@code Origin} a rule allows for its method; never
     * fails (a missing bucket is the operation's to answer).
     */
    Future<Void> decorate(S3Request request) {
        String origin = request.header(ORIGIN);
        if (origin == null || request.bucket() == null) return Future.succeededFuture();
        String method = request.http().method().name();
        return find(request).map(found -> {
            List<CorsRule> rules = found.map(BucketRecord::cors).orElse(null);
            CorsRule rule = rules == null ? null : CorsRules.match(rules, origin, method, List.of());
            if (rule != null) allow(request.http().response().headers(), rule, origin);
            return (Void) null;
        }).otherwiseEmpty();
    }

    private Future<Optional<BucketRecord>> find(S3Request request) {
        return services.metadata().call(store -> store.buckets().find(request.bucket()));
    }

    /** The headers a preflight and an actual request share: who is allowed, what the script may read. */
    private static void allow(MultiMap response, CorsRule rule, String origin) {
        if (CorsRules.allowsAnyOrigin(rule)) {
            response.set("Access-Control-Allow-Origin", "*");
        } else {
            response.set("Access-Control-Allow-Origin", origin);
            response.set("Access-Control-Allow-Credentials", "true");
        }
        if (!rule.exposeHeaders().isEmpty()) {
            response.set("Access-Control-Expose-Headers", String.join(", ", rule.exposeHeaders()));
        }
        response.set("Vary", VARY);
    }

    private static S3Exception forbidden(String message, String method, String resourceType) {
        return S3Exception.of(S3Error.ACCESS_FORBIDDEN, message).with("Method", method)
                .with("ResourceType", resourceType);
    }
}

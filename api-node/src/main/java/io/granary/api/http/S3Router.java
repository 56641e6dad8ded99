package io.granary.api.http;

import static io.granary.api.http.S3Operation.ABORT_MULTIPART_UPLOAD;
import static io.granary.api.http.S3Operation.COMPLETE_MULTIPART_UPLOAD;
import static io.granary.api.http.S3Operation.COPY_OBJECT;
import static io.granary.api.http.S3Operation.CREATE_BUCKET;
import static io.granary.api.http.S3Operation.CREATE_MULTIPART_UPLOAD;
import static io.granary.api.http.S3Operation.DELETE_BUCKET;
import static io.granary.api.http.S3Operation.DELETE_BUCKET_CORS;
import static io.granary.api.http.S3Operation.DELETE_BUCKET_OWNERSHIP_CONTROLS;
import static io.granary.api.http.S3Operation.DELETE_BUCKET_POLICY;
import static io.granary.api.http.S3Operation.DELETE_BUCKET_TAGGING;
import static io.granary.api.http.S3Operation.DELETE_OBJECT;
import static io.granary.api.http.S3Operation.DELETE_OBJECTS;
import static io.granary.api.http.S3Operation.DELETE_OBJECT_TAGGING;
import static io.granary.api.http.S3Operation.DELETE_PUBLIC_ACCESS_BLOCK;
import static io.granary.api.http.S3Operation.GET_BUCKET_ACCELERATE;
import static io.granary.api.http.S3Operation.GET_BUCKET_ACL;
import static io.granary.api.http.S3Operation.GET_BUCKET_CORS;
import static io.granary.api.http.S3Operation.DELETE_BUCKET_ENCRYPTION;
import static io.granary.api.http.S3Operation.GET_BUCKET_ENCRYPTION;
import static io.granary.api.http.S3Operation.PUT_BUCKET_ENCRYPTION;
import static io.granary.api.http.S3Operation.GET_BUCKET_LIFECYCLE;
import static io.granary.api.http.S3Operation.GET_BUCKET_LOCATION;
import static io.granary.api.http.S3Operation.GET_BUCKET_LOGGING;
import static io.granary.api.http.S3Operation.GET_BUCKET_NOTIFICATION;
import static io.granary.api.http.S3Operation.GET_BUCKET_OWNERSHIP_CONTROLS;
import static io.granary.api.http.S3Operation.GET_BUCKET_POLICY;
import static io.granary.api.http.S3Operation.GET_BUCKET_POLICY_STATUS;
import static io.granary.api.http.S3Operation.GET_BUCKET_REQUEST_PAYMENT;
import static io.granary.api.http.S3Operation.GET_BUCKET_TAGGING;
import static io.granary.api.http.S3Operation.GET_BUCKET_VERSIONING;
import static io.granary.api.http.S3Operation.GET_BUCKET_WEBSITE;
import static io.granary.api.http.S3Operation.GET_OBJECT;
import static io.granary.api.http.S3Operation.GET_OBJECT_ACL;
import static io.granary.api.http.S3Operation.GET_OBJECT_ATTRIBUTES;
import static io.granary.api.http.S3Operation.DELETE_BUCKET_LIFECYCLE;
import static io.granary.api.http.S3Operation.GET_OBJECT_LEGAL_HOLD;
import static io.granary.api.http.S3Operation.GET_OBJECT_LOCK_CONFIGURATION;
import static io.granary.api.http.S3Operation.GET_OBJECT_RETENTION;
import static io.granary.api.http.S3Operation.PUT_BUCKET_LIFECYCLE;
import static io.granary.api.http.S3Operation.PUT_BUCKET_NOTIFICATION;
import static io.granary.api.http.S3Operation.PUT_OBJECT_LEGAL_HOLD;
import static io.granary.api.http.S3Operation.PUT_OBJECT_LOCK_CONFIGURATION;
import static io.granary.api.http.S3Operation.PUT_OBJECT_RETENTION;
import static io.granary.api.http.S3Operation.GET_OBJECT_TAGGING;
import static io.granary.api.http.S3Operation.GET_PUBLIC_ACCESS_BLOCK;
import static io.granary.api.http.S3Operation.HEAD_BUCKET;
import static io.granary.api.http.S3Operation.HEAD_OBJECT;
import static io.granary.api.http.S3Operation.LIST_BUCKETS;
import static io.granary.api.http.S3Operation.LIST_MULTIPART_UPLOADS;
import static io.granary.api.http.S3Operation.LIST_OBJECTS;
import static io.granary.api.http.S3Operation.LIST_OBJECTS_V2;
import static io.granary.api.http.S3Operation.LIST_OBJECT_VERSIONS;
import static io.granary.api.http.S3Operation.LIST_PARTS;
import static io.granary.api.http.S3Operation.POST_OBJECT;
import static io.granary.api.http.S3Operation.PREFLIGHT;
import static io.granary.api.http.S3Operation.PUT_BUCKET_ACL;
import static io.granary.api.http.S3Operation.PUT_BUCKET_CORS;
import static io.granary.api.http.S3Operation.PUT_BUCKET_OWNERSHIP_CONTROLS;
import static io.granary.api.http.S3Operation.PUT_BUCKET_POLICY;
import static io.granary.api.http.S3Operation.PUT_BUCKET_TAGGING;
import static io.granary.api.http.S3Operation.PUT_BUCKET_VERSIONING;
import static io.granary.api.http.S3Operation.PUT_OBJECT;
import static io.granary.api.http.S3Operation.PUT_OBJECT_ACL;
import static io.granary.api.http.S3Operation.PUT_OBJECT_TAGGING;
import static io.granary.api.http.S3Operation.PUT_PUBLIC_ACCESS_BLOCK;
import static io.granary.api.http.S3Operation.UPLOAD_PART;
import static io.granary.api.http.S3Operation.UPLOAD_PART_COPY;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.http.S3Operation.ResourceKind;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps a request line to an {@link S3Operation}: a pure function of method, raw path, query parameter
 * names, the Host header and whether {@code x-amz-copy-source} is present. It does no I/O and no
 * authentication. Rules are tried in order, most specific first; a request naming an S3 subresource
 * Granary does not implement gets {@code NotImplemented} and never falls through to another operation
 * (a {@code DELETE /bucket?cors} must not become DeleteBucket).
 */
public final class S3Router {
    /** S3 keys are limited to 1024 bytes of UTF-8. */
    public static final int MAX_KEY_BYTES = 1024;

    /**
     * Every subresource S3 defines. A rule matches only if it names each subresource present, so an
     * unimplemented one (or one valid only at another level) is answered NotImplemented.
     */
    private static final Set<String> SUBRESOURCES = Set.of("accelerate", "acl", "analytics", "attributes",
            "cors", "delete", "encryption", "intelligent-tiering", "inventory", "legal-hold", "lifecycle",
            "location", "logging", "metadataTable", "metrics", "notification", "object-lock", "ownershipControls",
            "policy", "policyStatus", "publicAccessBlock", "replication", "requestPayment", "restore",
            "retention", "select", "session", "tagging", "torrent", "uploadId", "uploads", "versioning",
            "versions", "website");

    private static final List<Rule> RULES = List.of(
            // Service level.
            new Rule("GET", ResourceKind.SERVICE, Set.of(), false, LIST_BUCKETS),
            // Bucket level, subresources first.
            new Rule("GET", ResourceKind.BUCKET, Set.of("location"), false, GET_BUCKET_LOCATION),
            new Rule("GET", ResourceKind.BUCKET, Set.of("versioning"), false, GET_BUCKET_VERSIONING),
            new Rule("PUT", ResourceKind.BUCKET, Set.of("versioning"), false, PUT_BUCKET_VERSIONING),
            new Rule("GET", ResourceKind.BUCKET, Set.of("policy"), false, GET_BUCKET_POLICY),
            new Rule("PUT", ResourceKind.BUCKET, Set.of("policy"), false, PUT_BUCKET_POLICY),
            new Rule("DELETE", ResourceKind.BUCKET, Set.of("policy"), false, DELETE_BUCKET_POLICY),
            new Rule("GET", ResourceKind.BUCKET, Set.of("acl"), false, GET_BUCKET_ACL),
            new Rule("PUT", ResourceKind.BUCKET, Set.of("acl"), false, PUT_BUCKET_ACL),
            new Rule("GET", ResourceKind.BUCKET, Set.of("ownershipControls"), false, GET_BUCKET_OWNERSHIP_CONTROLS),
            new Rule("PUT", ResourceKind.BUCKET, Set.of("ownershipControls"), false, PUT_BUCKET_OWNERSHIP_CONTROLS),
            new Rule("DELETE", ResourceKind.BUCKET, Set.of("ownershipControls"), false,
                    DELETE_BUCKET_OWNERSHIP_CONTROLS),
            new Rule("GET", ResourceKind.BUCKET, Set.of("publicAccessBlock"), false, GET_PUBLIC_ACCESS_BLOCK),
            new Rule("PUT", ResourceKind.BUCKET, Set.of("publicAccessBlock"), false, PUT_PUBLIC_ACCESS_BLOCK),
            new Rule("DELETE", ResourceKind.BUCKET, Set.of("publicAccessBlock"), false, DELETE_PUBLIC_ACCESS_BLOCK),
            new Rule("GET", ResourceKind.BUCKET, Set.of("policyStatus"), false, GET_BUCKET_POLICY_STATUS),
            new Rule("GET", ResourceKind.BUCKET, Set.of("notification"), false, GET_BUCKET_NOTIFICATION),
            new Rule("PUT", ResourceKind.BUCKET, Set.of("notification"), false, PUT_BUCKET_NOTIFICATION),
            new Rule("GET", ResourceKind.BUCKET, Set.of("cors"), false, GET_BUCKET_CORS),
            new Rule("PUT", ResourceKind.BUCKET, Set.of("cors"), false, PUT_BUCKET_CORS),
            new Rule("DELETE", ResourceKind.BUCKET, Set.of("cors"), false, DELETE_BUCKET_CORS),
            // Configurations Granary does not keep: answered as S3 does for a bucket that never had one.
            new Rule("GET", ResourceKind.BUCKET, Set.of("lifecycle"), false, GET_BUCKET_LIFECYCLE),
            new Rule("PUT", ResourceKind.BUCKET, Set.of("lifecycle"), false, PUT_BUCKET_LIFECYCLE),
            new Rule("DELETE", ResourceKind.BUCKET, Set.of("lifecycle"), false, DELETE_BUCKET_LIFECYCLE),
            new Rule("GET", ResourceKind.BUCKET, Set.of("tagging"), false, GET_BUCKET_TAGGING),
            new Rule("PUT", ResourceKind.BUCKET, Set.of("tagging"), false, PUT_BUCKET_TAGGING),
            new Rule("DELETE", ResourceKind.BUCKET, Set.of("tagging"), false, DELETE_BUCKET_TAGGING),
            new Rule("GET", ResourceKind.BUCKET, Set.of("encryption"), false, GET_BUCKET_ENCRYPTION),
            new Rule("PUT", ResourceKind.BUCKET, Set.of("encryption"), false, PUT_BUCKET_ENCRYPTION),
            new Rule("DELETE", ResourceKind.BUCKET, Set.of("encryption"), false, DELETE_BUCKET_ENCRYPTION),
            new Rule("GET", ResourceKind.BUCKET, Set.of("object-lock"), false, GET_OBJECT_LOCK_CONFIGURATION),
            new Rule("PUT", ResourceKind.BUCKET, Set.of("object-lock"), false, PUT_OBJECT_LOCK_CONFIGURATION),
            new Rule("GET", ResourceKind.BUCKET, Set.of("website"), false, GET_BUCKET_WEBSITE),
            new Rule("GET", ResourceKind.BUCKET, Set.of("requestPayment"), false, GET_BUCKET_REQUEST_PAYMENT),
            new Rule("GET", ResourceKind.BUCKET, Set.of("accelerate"), false, GET_BUCKET_ACCELERATE),
            new Rule("GET", ResourceKind.BUCKET, Set.of("logging"), false, GET_BUCKET_LOGGING),
            new Rule("GET", ResourceKind.BUCKET, Set.of("uploads"), false, LIST_MULTIPART_UPLOADS),
            new Rule("GET", ResourceKind.BUCKET, Set.of("versions"), false, LIST_OBJECT_VERSIONS),
            new Rule("POST", ResourceKind.BUCKET, Set.of("delete"), false, DELETE_OBJECTS),
            new Rule("POST", ResourceKind.BUCKET, Set.of(), false, POST_OBJECT),
            new Rule("GET", ResourceKind.BUCKET, Set.of("list-type"), false, LIST_OBJECTS_V2),
            new Rule("GET", ResourceKind.BUCKET, Set.of(), false, LIST_OBJECTS),
            new Rule("HEAD", ResourceKind.BUCKET, Set.of(), false, HEAD_BUCKET),
            new Rule("PUT", ResourceKind.BUCKET, Set.of(), false, CREATE_BUCKET),
            new Rule("DELETE", ResourceKind.BUCKET, Set.of(), false, DELETE_BUCKET),
            // Object level: multipart forms before the plain operations they extend.
            new Rule("PUT", ResourceKind.OBJECT, Set.of("partNumber", "uploadId"), true, UPLOAD_PART_COPY),
            new Rule("PUT", ResourceKind.OBJECT, Set.of("partNumber", "uploadId"), false, UPLOAD_PART),
            new Rule("POST", ResourceKind.OBJECT, Set.of("uploads"), false, CREATE_MULTIPART_UPLOAD),
            new Rule("POST", ResourceKind.OBJECT, Set.of("uploadId"), false, COMPLETE_MULTIPART_UPLOAD),
            new Rule("DELETE", ResourceKind.OBJECT, Set.of("uploadId"), false, ABORT_MULTIPART_UPLOAD),
            new Rule("GET", ResourceKind.OBJECT, Set.of("uploadId"), false, LIST_PARTS),
            new Rule("GET", ResourceKind.OBJECT, Set.of("tagging"), false, GET_OBJECT_TAGGING),
            new Rule("PUT", ResourceKind.OBJECT, Set.of("tagging"), false, PUT_OBJECT_TAGGING),
            new Rule("DELETE", ResourceKind.OBJECT, Set.of("tagging"), false, DELETE_OBJECT_TAGGING),
            new Rule("GET", ResourceKind.OBJECT, Set.of("retention"), false, GET_OBJECT_RETENTION),
            new Rule("PUT", ResourceKind.OBJECT, Set.of("retention"), false, PUT_OBJECT_RETENTION),
            new Rule("GET", ResourceKind.OBJECT, Set.of("legal-hold"), false, GET_OBJECT_LEGAL_HOLD),
            new Rule("PUT", ResourceKind.OBJECT, Set.of("legal-hold"), false, PUT_OBJECT_LEGAL_HOLD),
            new Rule("GET", ResourceKind.OBJECT, Set.of("acl"), false, GET_OBJECT_ACL),
            new Rule("PUT", ResourceKind.OBJECT, Set.of("acl"), false, PUT_OBJECT_ACL),
            new Rule("GET", ResourceKind.OBJECT, Set.of("attributes"), false, GET_OBJECT_ATTRIBUTES),
            new Rule("PUT", ResourceKind.OBJECT, Set.of(), true, COPY_OBJECT),
            new Rule("PUT", ResourceKind.OBJECT, Set.of(), false, PUT_OBJECT),
            new Rule("GET", ResourceKind.OBJECT, Set.of(), false, GET_OBJECT),
            new Rule("HEAD", ResourceKind.OBJECT, Set.of(), false, HEAD_OBJECT),
            new Rule("DELETE", ResourceKind.OBJECT, Set.of(), false, DELETE_OBJECT));

    private final String domainSuffix;

    /**
     * @param domain the virtual-host domain ({@code s3.example.com} makes {@code photos.s3.example.com}
     *               address bucket {@code photos}), or null for path-style addressing only
     */
    public S3Router(String domain) {
        this.domainSuffix = domain == null || domain.isEmpty() ? null : "." + domain.toLowerCase(Locale.ROOT);
    }

    /**
     * Resolves one request.
     *
     * @param rawPath    the path as received, still percent-encoded, without the query
     * @param queryNames decoded names of the query parameters
     * @param host       the Host header, or null
     * @throws S3Exception InvalidURI, InvalidBucketName, KeyTooLongError, NotImplemented or MethodNotAllowed
     */
    public ResolvedRequest resolve(String method, String rawPath, Set<String> queryNames, String host,
            boolean hasCopySource) {
        if (!rawPath.startsWith("/")) throw S3Exception.of(S3Error.INVALID_URI).withResource(rawPath);
        String bucket = virtualHostBucket(host);
        if (domainSuffix == null) refuseUnconfiguredVirtualHost(host);
        String rest = rawPath.substring(1);
        if (bucket == null && !rest.isEmpty()) {
            int slash = rest.indexOf('/');
            bucket = PathCodec.decode(slash < 0 ? rest : rest.substring(0, slash), false);
            rest = slash < 0 ? "" : rest.substring(slash + 1);
        }
        String key = rest.isEmpty() ? null : PathCodec.decode(rest, false);
        if (bucket != null) BucketNames.require(bucket);
        if (key != null && key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw S3Exception.of(S3Error.KEY_TOO_LONG).withResource("/" + bucket + "/" + key)
                    .with("MaxSizeAllowed", String.valueOf(MAX_KEY_BYTES));
        }
        ResourceKind kind = bucket == null ? ResourceKind.SERVICE
                : key == null ? ResourceKind.BUCKET : ResourceKind.OBJECT;
        // A preflight asks about the request it precedes, whatever that request's subresources (S3: any path).
        S3Operation operation = method.equals("OPTIONS") && kind != ResourceKind.SERVICE ? PREFLIGHT
                : match(method, kind, queryNames, hasCopySource);
        return new ResolvedRequest(operation, bucket, key);
    }

    /**
     * Whether a request is for the admin API: its path is below {@code prefix}, on the bare
     * endpoint host (a virtual-host bucket's {@code /_admin/x} is that bucket's key {@code _admin/x}).
     * No bucket can shadow the prefix, because an underscore is never valid in a bucket name.
     */
    public boolean isAdmin(String rawPath, String host, String prefix) {
        return rawPath.startsWith(prefix + "/") && virtualHostBucket(host) == null;
    }

    private static S3Operation match(String method, ResourceKind kind, Set<String> queryNames, boolean copy) {
        Set<String> subresources = new HashSet<>(queryNames);
        subresources.retainAll(SUBRESOURCES);
        boolean methodKnown = false;
        for (Rule rule : RULES) {
            if (rule.kind != kind || !rule.method.equals(method)) continue;
            methodKnown = true;
            if (queryNames.containsAll(rule.query) && rule.query.containsAll(subresources)
                    && (copy || !rule.copySource)) {
                return rule.operation;
            }
        }
        if (!methodKnown) throw S3Exception.of(S3Error.METHOD_NOT_ALLOWED);
        throw S3Exception.of(S3Error.NOT_IMPLEMENTED, subresources.isEmpty()
                ? "This combination of method and parameters is not implemented."
                : "The " + String.join(", ", new TreeSet<>(subresources)) + " subresource is not implemented "
                        + "for this request.");
    }

    /** The bucket a virtual-host Host header names ({@code photos.s3.example.com}), or null. */
    public String virtualHostBucket(String host) {
        if (domainSuffix == null || host == null) return null;
        String name = host.toLowerCase(Locale.ROOT);
        int colon = name.lastIndexOf(':');
        if (colon > 0 && name.indexOf(']') < colon) name = name.substring(0, colon);
        if (!name.endsWith(domainSuffix)) return null;
        String bucket = name.substring(0, name.length() - domainSuffix.length());
        return bucket.isEmpty() ? null : bucket;
    }

    /**
     * Without {@code --domain} every request is path-style, so a Host that can only be a virtual-host name
     * (a label before {@code localhost}, before an IPv4 address, or S3's own {@code BUCKET.s3...amazonaws.com})
     * means a client configured for virtual-host addressing: it is told so instead of having its first
     * path segment taken as the bucket.
     */
    private static void refuseUnconfiguredVirtualHost(String host) {
        if (host == null) return;
        String name = host.toLowerCase(Locale.ROOT);
        int colon = name.lastIndexOf(':');
        if (colon > 0 && name.indexOf(']') < colon) name = name.substring(0, colon);
        int dot = name.indexOf('.');
        if (dot <= 0) return;
        String parent = name.substring(dot + 1);
        boolean virtual = parent.equals("localhost") || parent.matches("\\d{1,3}(\\.\\d{1,3}){3}")
                || name.endsWith(".amazonaws.com") && parent.startsWith("s3");
        if (virtual) {
            throw S3Exception.of(S3Error.INVALID_REQUEST, "The Host " + host + " names a bucket (virtual-host "
                    + "style), but this server was started without --domain: use path-style addressing or start it "
                    + "with --domain " + parent + ".");
        }
    }

    private record Rule(String method, ResourceKind kind, Set<String> query, boolean copySource,
            S3Operation operation) {
    }
}

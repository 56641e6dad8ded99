package io.granary.api.handler;

import io.granary.api.acl.ObjectOwnership;
import io.granary.api.auth.Caller;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.http.S3Request;
import io.granary.api.http.StorageClassHeader;
import io.granary.api.http.VersionIdParameter;
import io.granary.api.xml.ListBucketResult;
import io.granary.api.xml.ListVersionsResult;
import io.granary.api.xml.Owner;
import io.granary.api.xml.Timestamps;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.model.Checksum;
import io.granary.metadata.model.DeleteMarker;
import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.store.ListPage;
import io.granary.metadata.store.ListQuery;
import io.granary.metadata.store.VersionPage;
import io.granary.metadata.store.VersionQuery;
import io.vertx.core.Future;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * ListObjects (v1), ListObjectsV2 and ListObjectVersions (every version and delete marker, newest first per
 * key; in unversioned buckets every object is its own latest version {@code null}). Paging, prefixes and
 * delimiters are the metadata store's; this class reads the parameters, applies {@code encoding-type=url}
 * and writes the documents.
 */
final class ListHandler {
    private final Services services;
    private final Access access;

    ListHandler(Services services, Access access) {
        this.services = services;
        this.access = access;
    }

    Future<Void> listV1(S3Request request, Caller caller) {
        Params p = Params.of(request);
        String marker = request.query("marker");
        return list(request, caller, ListQuery.v1(p.prefix, p.delimiter, marker, p.maxKeys)).compose(page ->
                // v1 always has <Marker>, empty when the request named none (as S3).
                Responses.xml(request, new ListBucketResult(request.bucket(), p.encode(p.prefix),
                        marker == null ? "" : p.encode(marker),
                        page.truncated() && p.delimiter != null ? p.encode(page.nextMarker()) : null, null, null,
                        null, null, p.maxKeys, p.encode(p.delimiter), p.encodingType, page.truncated(),
                        entries(page, p, true), prefixes(page, p))));
    }

    Future<Void> listV2(S3Request request, Caller caller) {
        Params p = Params.of(request);
        String token = Params.nonEmpty(request.query("continuation-token"));
        String startAfter = request.query("start-after");
        boolean fetchOwner = "true".equals(request.query("fetch-owner"));
        return list(request, caller, ListQuery.v2(p.prefix, p.delimiter, startAfter, token, p.maxKeys))
                .compose(page -> Responses.xml(request, new ListBucketResult(request.bucket(), p.encode(p.prefix),
                        null, null, token, page.nextContinuationToken(), p.encode(startAfter),
                        page.objects().size() + page.commonPrefixes().size(), p.maxKeys, p.encode(p.delimiter),
                        p.encodingType, page.truncated(), entries(page, p, fetchOwner), prefixes(page, p))));
    }

    Future<Void> listVersions(S3Request request, Caller caller) {
        Params p = Params.of(request);
        String keyMarker = Params.nonEmpty(request.query("key-marker"));
        String versionIdMarker = Params.nonEmpty(request.query("version-id-marker"));
        if (versionIdMarker != null && keyMarker == null) {
            throw S3Exception.of(S3Error.INVALID_ARGUMENT, "A version-id marker cannot be specified without a key "
                    + "marker.").with("ArgumentName", "version-id-marker").with("ArgumentValue", versionIdMarker);
        }
        VersionIdParameter.parse(versionIdMarker);
        VersionQuery query = new VersionQuery(p.prefix, p.delimiter, keyMarker, versionIdMarker, p.maxKeys);
        return access.bucket(request, caller).compose(bucket -> services.metadata().call(store ->
                store.objects().listVersions(bucket.name(), query)).map(page -> {
                    Function<ObjectRecord, Owner> owners = owners(bucket);
                    Owner bucketOwner = services.authorizer().bucketOwner(bucket);
                    List<ListVersionsResult.Version> versions = new ArrayList<>();
                    List<ListVersionsResult.DeleteMarker> markers = new ArrayList<>();
                    for (VersionPage.Entry entry : page.versions()) {
                        if (entry.version().deleteMarker()) {
                            DeleteMarker m = entry.version().marker();
                            markers.add(new ListVersionsResult.DeleteMarker(p.encode(m.key()), m.versionId(),
                                    entry.latest(), Timestamps.iso(Instant.ofEpochMilli(m.lastModifiedMillis())),
                                    m.ownerCanonicalId() == null ? bucketOwner
                                            : services.authorizer().grantees().owner(m.ownerCanonicalId())));
                        } else {
                            ObjectRecord o = entry.version().object();
                            versions.add(new ListVersionsResult.Version(p.encode(o.key()), o.versionId(),
                                    entry.latest(), iso(o), o.etag(), o.size(), owners.apply(o),
                                    StorageClassHeader.report(o.storageClass())));
                        }
                    }
                    List<ListBucketResult.CommonPrefix> prefixes = page.commonPrefixes().stream()
                            .map(prefix -> new ListBucketResult.CommonPrefix(p.encode(prefix))).toList();
                    return new ListVersionsResult(request.bucket(), p.encode(p.prefix), p.encode(keyMarker),
                            versionIdMarker, p.encode(page.nextKeyMarker()), page.nextVersionIdMarker(), p.maxKeys,
                            p.encode(p.delimiter), p.encodingType, page.truncated(), versions, markers, prefixes);
                })).compose(result -> Responses.xml(request, result));
    }

    private Future<Listing> list(S3Request request, Caller caller, ListQuery query) {
        return access.bucket(request, caller).compose(bucket -> services.metadata().call(store ->
                new Listing(store.objects().list(bucket.name(), query), owners(bucket))));
    }

    /**
     * The Owner of each object of {@code bucket}: the account its ACL names (another account's, under
     * ObjectWriter), else the bucket owner's, who owns every object while ACLs are disabled.
     */
    private Function<ObjectRecord, Owner> owners(BucketRecord bucket) {
        Owner bucketOwner = services.authorizer().bucketOwner(bucket);
        if (!ObjectOwnership.aclsEnabled(bucket)) return o -> bucketOwner;
        return o -> o.acl() == null || o.acl().ownerCanonicalId().equals(bucketOwner.id()) ? bucketOwner
                : services.authorizer().grantees().owner(o.acl().ownerCanonicalId());
    }

    /** A page of a listing and the Owner of each of its objects. */
    private record Listing(ListPage page, Function<ObjectRecord, Owner> owner) {
        List<ObjectRecord> objects() {
            return page.objects();
        }

        List<String> commonPrefixes() {
            return page.commonPrefixes();
        }

        boolean truncated() {
            return page.truncated();
        }

        String nextMarker() {
            return page.nextMarker();
        }

        String nextContinuationToken() {
            return page.nextContinuationToken();
        }
    }

    private static List<ListBucketResult.Entry> entries(Listing page, Params p, boolean withOwner) {
        return page.objects().stream().map(o -> {
            Owner owner = withOwner ? page.owner().apply(o) : null;
            Checksum checksum = o.checksums().isEmpty() ? null : o.checksums().get(0);
            return new ListBucketResult.Entry(p.encode(o.key()), iso(o), o.etag(),
                    checksum == null ? null : checksum.algorithm(),
                    checksum == null || checksum.type() == null ? null : checksum.type().name(), o.size(), owner,
                    StorageClassHeader.report(o.storageClass()));
        }).toList();
    }

    private static List<ListBucketResult.CommonPrefix> prefixes(Listing page, Params p) {
        return page.commonPrefixes().stream().map(prefix -> new ListBucketResult.CommonPrefix(p.encode(prefix)))
                .toList();
    }

    private static String iso(ObjectRecord object) {
        return Timestamps.iso(Instant.ofEpochMilli(object.lastModifiedMillis()));
    }

    /** The listing parameters every variant shares. */
    private record Params(String prefix, String delimiter, int maxKeys, String encodingType,
            UnaryOperator<String> encoder) {

        static Params of(S3Request request) {
            String encodingType = request.query("encoding-type");
            if (encodingType != null && !encodingType.equals("url")) {
                throw S3Exception.of(S3Error.INVALID_ARGUMENT, "Invalid Encoding Method specified in Request")
                        .with("ArgumentName", "encoding-type").with("ArgumentValue", encodingType);
            }
            String max = request.query("max-keys") != null ? request.query("max-keys") : request.query("max-uploads");
            int maxKeys = ListQuery.MAX_KEYS;
            if (max != null) {
                try {
                    maxKeys = Math.min(Integer.parseInt(max.trim()), ListQuery.MAX_KEYS);
                } catch (NumberFormatException e) {
                    maxKeys = -1;
                }
                if (maxKeys < 0) {
                    throw S3Exception.of(S3Error.INVALID_ARGUMENT, "Provided max-keys not an integer or within "
                            + "integer range").with("ArgumentName", "max-keys").with("ArgumentValue", max);
                }
            }
            UnaryOperator<String> encoder = encodingType == null ? s -> s : ListHandler::urlEncode;
            // An empty delimiter is no delimiter, and is not echoed.
            return new Params(request.query("prefix"), nonEmpty(request.query("delimiter")), maxKeys, encodingType,
                    encoder);
        }

        /** S3 treats an empty value of these parameters as absent. */
        static String nonEmpty(String value) {
            return value == null || value.isEmpty() ? null : value;
        }

        String encode(String value) {
            return value == null ? null : encoder.apply(value);
        }
    }

    /** {@code encoding-type=url}: UTF-8 percent-encoding as S3 does it, spaces as %20 and {@code /} kept. */
    static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
    }
}

package io.granary.iam.sigv2;

import io.granary.iam.sigv4.UriEncoding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The CanonicalizedResource of S3's Signature V2: {@code /bucket} when the bucket came from the Host header,
 * then the request path exactly as sent (still percent-encoded; a bare path-style {@code /bucket} as
 * {@code /bucket/}), then the signed sub-resources of the query,
 * sorted by name (stable, so repeated names keep their order), with decoded values, e.g.
 * {@code /b/k?partNumber=2&uploadId=x}. A parameter sent without '=' is signed as its bare name.
 */
final class CanonicalResource {
    /**
     * The sub-resources AWS lists for V2, plus those current clients (botocore, the Java SDK v1) also sign: a
     * server that left one out would reject those clients' requests for it.
     */
    static final Set<String> SIGNED = Set.of("acl", "lifecycle", "location", "logging", "notification",
            "partNumber", "policy", "requestPayment", "torrent", "uploadId", "uploads", "versionId", "versioning",
            "versions", "website", "delete", "cors", "tagging", "restore", "accelerate", "analytics", "inventory",
            "metrics", "replication", "select", "select-type", "object-lock", "storageClass", "defaultObjectAcl",
            "response-content-type", "response-content-language", "response-expires", "response-cache-control",
            "response-content-disposition", "response-content-encoding");

    private CanonicalResource() {
    }

    /** @param virtualHostBucket the bucket named by the Host header, or null for path-style requests */
    static String of(String virtualHostBucket, String rawPath, String rawQuery) {
        StringBuilder out = new StringBuilder(rawPath.length() + 32);
        if (virtualHostBucket != null) out.append('/').append(virtualHostBucket);
        out.append(rawPath);
        // A path-style bucket request is signed as "/bucket/" even when sent as "/bucket" (botocore does so).
        if (virtualHostBucket == null && rawPath.length() > 1 && rawPath.indexOf('/', 1) < 0) out.append('/');
        List<String[]> signed = signedParameters(rawQuery);
        if (signed.isEmpty()) return out.toString();
        signed.sort(Comparator.comparing(p -> p[0]));
        char separator = '?';
        for (String[] p : signed) {
            out.append(separator).append(p[0]);
            if (p[1] != null) out.append('=').append(p[1]);
            separator = '&';
        }
        return out.toString();
    }

    /** Name and decoded value (null when sent without '=') of each signed sub-resource, in wire order. */
    private static List<String[]> signedParameters(String rawQuery) {
        List<String[]> signed = new ArrayList<>(2);
        if (rawQuery == null || rawQuery.isEmpty()) return signed;
        for (String piece : rawQuery.split("&")) {
            int eq = piece.indexOf('=');
            String name = UriEncoding.decodeToString(eq < 0 ? piece : piece.substring(0, eq));
            if (!SIGNED.contains(name)) continue;
            signed.add(new String[] {name, eq < 0 ? null : UriEncoding.decodeToString(piece.substring(eq + 1))});
        }
        return signed;
    }
}

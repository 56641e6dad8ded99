package io.granary.api.handler;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.http.BucketNames;
import io.granary.api.http.PathCodec;
import io.granary.api.http.VersionIdParameter;

/**
 * The {@code x-amz-copy-source} header: {@code [/]bucket/key[?versionId=id]}, URL-encoded; {@code versionId}
 * is null when it names none (the source's latest version).
 */
record CopySource(String bucket, String key, String versionId) {
    private static final String VERSION_ID = "versionId=";

    static CopySource parse(String header) {
        if (header == null || header.isBlank()) throw invalid();
        String value = header.trim();
        int query = value.indexOf('?');
        String versionId = null;
        if (query >= 0) {
            String params = value.substring(query + 1);
            value = value.substring(0, query);
            if (!params.isEmpty()) {
                if (!params.startsWith(VERSION_ID)) throw invalid();
                versionId = VersionIdParameter.parse(PathCodec.decode(params.substring(VERSION_ID.length()), false));
            }
        }
        if (value.startsWith("/")) value = value.substring(1);
        int slash = value.indexOf('/');
        if (slash <= 0 || slash == value.length() - 1) throw invalid();
        String bucket = PathCodec.decode(value.substring(0, slash), false);
        if (!BucketNames.isValid(bucket)) throw invalid();
        return new CopySource(bucket, PathCodec.decode(value.substring(slash + 1), false), versionId);
    }

    private static S3Exception invalid() {
        return S3Exception.of(S3Error.INVALID_ARGUMENT, "Copy Source must mention the source bucket and key: "
                + "sourcebucket/sourcekey").with("ArgumentName", "x-amz-copy-source");
    }
}

package io.granary.api.handler;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.http.BucketNames;
import io.granary.api.http.PathCodec;

/**
 * The {@code x-amz-copy-source} header: {@code [/]bucket/key[?versionId=id]}, URL-encoded. Only the
 * {@code null} version exists in unversioned buckets.
 */
record CopySource(String bucket, String key) {

    static CopySource parse(String header) {
        if (header == null || header.isBlank()) throw invalid();
        String value = header.trim();
        int query = value.indexOf('?');
        if (query >= 0) {
            String params = value.substring(query + 1);
            value = value.substring(0, query);
            if (!params.isEmpty() && !params.equals("versionId=null")) {
                throw S3Exception.of(S3Error.NO_SUCH_VERSION);
            }
        }
        if (value.startsWith("/")) value = value.substring(1);
        int slash = value.indexOf('/');
        if (slash <= 0 || slash == value.length() - 1) throw invalid();
        String bucket = PathCodec.decode(value.substring(0, slash), false);
        if (!BucketNames.isValid(bucket)) throw invalid();
        return new CopySource(bucket, PathCodec.decode(value.substring(slash + 1), false));
    }

    private static S3Exception invalid() {
        return S3Exception.of(S3Error.INVALID_ARGUMENT, "Copy Source must mention the source bucket and key: "
                + "sourcebucket/sourcekey").with("ArgumentName", "x-amz-copy-source");
    }
}

package io.granary.api.handler;

import io.granary.api.http.EncryptionHeaders;
import io.granary.api.http.S3Headers;
import io.granary.metadata.model.BucketRecord;
import io.vertx.core.MultiMap;

/**
 * Which server-side encryption a new object or upload gets: the one its request names, else the bucket's
 * default, else none; and the response header that says so.
 */
final class ServerSideEncryption {

    private ServerSideEncryption() {
    }

    /** {@code AES256}, or null for bytes stored in clear. */
    static String chosen(MultiMap headers, BucketRecord bucket) {
        String requested = EncryptionHeaders.requested(headers);
        if (requested != null) return requested;
        return bucket.encryption() == null ? null : bucket.encryption().algorithm();
    }

    /** Adds {@code x-amz-server-side-encryption} when {@code algorithm} is not null. */
    static void describe(MultiMap responseHeaders, String algorithm) {
        if (algorithm != null) responseHeaders.set(S3Headers.SERVER_SIDE_ENCRYPTION, algorithm);
    }
}

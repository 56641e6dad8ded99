package io.granary.api.http;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.vertx.core.MultiMap;
import java.util.Locale;

/**
 * The server-side encryption headers ({@code x-amz-server-side-encryption}, its {@code -aws-kms-key-id},
 * {@code -context}, {@code -bucket-key-enabled} and {@code -customer-*} (SSE-C) forms, and the
 * {@code x-amz-copy-source-server-side-encryption-customer-*} ones). Granary stores nothing encrypted
 * yet, so any of them is refused with {@code NotImplemented} rather than storing plaintext a client
 * believes is encrypted.
 */
public final class EncryptionHeaders {

    private EncryptionHeaders() {
    }

    /** @throws S3Exception NotImplemented naming the first encryption header found */
    public static void refuse(MultiMap headers) {
        for (String name : headers.names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(S3Headers.SERVER_SIDE_ENCRYPTION)
                    || lower.startsWith(S3Headers.COPY_SOURCE_SERVER_SIDE_ENCRYPTION)) {
                throw S3Exception.of(S3Error.NOT_IMPLEMENTED, "Server-side encryption is not implemented; the "
                        + lower + " header cannot be honoured.").with("Header", lower);
            }
        }
    }
}

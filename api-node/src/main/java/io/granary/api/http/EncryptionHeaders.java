package io.granary.api.http;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.metadata.model.Sealing;
import io.vertx.core.MultiMap;
import java.util.Locale;
import java.util.Set;

/**
 * The server-side encryption headers. {@code x-amz-server-side-encryption: AES256} (SSE-S3) is honoured on the
 * writes that create an object or an upload; SSE-KMS ({@code aws:kms}, {@code aws:kms:dsse}, the key id, the
 * context and bucket keys) and SSE-C ({@code -customer-*}, also on copy sources) are refused with
 * {@code NotImplemented} rather than storing bytes a client believes are encrypted under its key. The header on
 * any other operation is {@code InvalidArgument}, as AWS answers it.
 */
public final class EncryptionHeaders {
    private static final Set<S3Operation> CREATING = Set.of(S3Operation.PUT_OBJECT, S3Operation.POST_OBJECT,
            S3Operation.COPY_OBJECT, S3Operation.CREATE_MULTIPART_UPLOAD);
    private static final Set<String> KMS = Set.of("aws:kms", "aws:kms:dsse");

    private EncryptionHeaders() {
    }

    /**
     * Refuses what is not honoured.
     *
     * @throws S3Exception NotImplemented for SSE-KMS and SSE-C, InvalidArgument for an unknown algorithm or the
     *     header on an operation that takes none
     */
    public static void check(S3Operation operation, MultiMap headers) {
        for (String name : headers.names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(S3Headers.COPY_SOURCE_SERVER_SIDE_ENCRYPTION)
                    || lower.startsWith(S3Headers.SERVER_SIDE_ENCRYPTION) && !lower.equals(
                            S3Headers.SERVER_SIDE_ENCRYPTION)) {
                throw notImplemented(lower);
            }
        }
        String algorithm = headers.get(S3Headers.SERVER_SIDE_ENCRYPTION);
        if (algorithm == null) return;
        if (!CREATING.contains(operation)) {
            throw S3Exception.of(S3Error.INVALID_ARGUMENT, "x-amz-server-side-encryption header is not supported "
                    + "for this operation.").with("ArgumentName", S3Headers.SERVER_SIDE_ENCRYPTION)
                    .with("ArgumentValue", algorithm);
        }
        requested(headers);
    }

    /** The algorithm a write asks for ({@code AES256}), or null when it names none. */
    public static String requested(MultiMap headers) {
        String algorithm = headers.get(S3Headers.SERVER_SIDE_ENCRYPTION);
        if (algorithm == null) return null;
        if (algorithm.equals(Sealing.AES256)) return algorithm;
        if (KMS.contains(algorithm)) throw notImplemented(S3Headers.SERVER_SIDE_ENCRYPTION + ": " + algorithm);
        throw S3Exception.of(S3Error.INVALID_ARGUMENT, "The encryption method specified is not supported")
                .with("ArgumentName", S3Headers.SERVER_SIDE_ENCRYPTION).with("ArgumentValue", algorithm);
    }

    private static S3Exception notImplemented(String what) {
        return S3Exception.of(S3Error.NOT_IMPLEMENTED, "Server-side encryption with KMS keys or customer keys is "
                + "not implemented; " + what + " cannot be honoured.").with("Header", what);
    }
}

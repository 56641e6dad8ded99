package io.granary.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.metadata.model.Encryption;
import io.vertx.core.MultiMap;
import java.io.IOException;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * The server-side encryption headers, per operation. SSE-S3 and SSE-KMS ({@code x-amz-server-side-encryption}
 * with the KMS key id, the encryption context and the bucket-key flag) are taken by the writes that create an
 * object or an upload; SSE-C ({@code x-amz-server-side-encryption-customer-*}) also by the reads and part
 * uploads that must present the key, and by copies for their source ({@code x-amz-copy-source-...}). Such a
 * header on any other operation is InvalidArgument, as AWS answers it; DSSE-KMS ({@code aws:kms:dsse}) is
 * NotImplemented, and so is SSE-C in a POST form.
 */
public final class EncryptionHeaders {
    private static final Set<S3Operation> CREATING = Set.of(S3Operation.PUT_OBJECT, S3Operation.POST_OBJECT,
            S3Operation.COPY_OBJECT, S3Operation.CREATE_MULTIPART_UPLOAD);
    private static final Set<S3Operation> CUSTOMER_KEYED = Set.of(S3Operation.PUT_OBJECT, S3Operation.COPY_OBJECT,
            S3Operation.CREATE_MULTIPART_UPLOAD, S3Operation.UPLOAD_PART, S3Operation.UPLOAD_PART_COPY,
            S3Operation.COMPLETE_MULTIPART_UPLOAD,
            S3Operation.GET_OBJECT, S3Operation.HEAD_OBJECT, S3Operation.GET_OBJECT_ATTRIBUTES);
    private static final Set<S3Operation> COPYING = Set.of(S3Operation.COPY_OBJECT, S3Operation.UPLOAD_PART_COPY);
    private static final Set<String> KMS_ONLY = Set.of(S3Headers.SSE_KMS_KEY_ID, S3Headers.SSE_CONTEXT);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a write's headers ask for: the algorithm, and for SSE-KMS the key, context and bucket-key flag. */
    public record Requested(String algorithm, String kmsKeyId, String context, boolean bucketKey) {
    }

    private EncryptionHeaders() {
    }

    /**
     * Refuses what the operation does not take or Granary does not do.
     *
     * @throws S3Exception InvalidArgument for a header the operation takes none of, an unknown algorithm, KMS
     *     headers without {@code aws:kms}, or SSE-S3/KMS with SSE-C; NotImplemented for DSSE-KMS and for SSE-C in
     *     a POST form
     */
    public static void check(S3Operation operation, MultiMap headers) {
        boolean customer = false;
        for (String name : headers.names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(S3Headers.COPY_SOURCE_SERVER_SIDE_ENCRYPTION)) {
                if (!COPYING.contains(operation) || !lower.startsWith(S3Headers.COPY_SOURCE_SSE_CUSTOMER)) {
                    throw notTaken(lower, headers.get(name));
                }
            } else if (lower.startsWith(S3Headers.SSE_CUSTOMER)) {
                if (operation == S3Operation.POST_OBJECT) {
                    throw S3Exception.of(S3Error.NOT_IMPLEMENTED, "SSE-C in a POST form is not implemented; "
                            + lower + " cannot be honoured.").with("Header", lower);
                }
                if (!CUSTOMER_KEYED.contains(operation)) throw notTaken(lower, headers.get(name));
                customer = true;
            } else if (lower.startsWith(S3Headers.SERVER_SIDE_ENCRYPTION)) {
                if (!CREATING.contains(operation)) throw notTaken(lower, headers.get(name));
                boolean known = lower.equals(S3Headers.SERVER_SIDE_ENCRYPTION) || KMS_ONLY.contains(lower)
                        || lower.equals(S3Headers.SSE_BUCKET_KEY);
                if (!known) {
                    throw S3Exception.of(S3Error.NOT_IMPLEMENTED, lower + " is not implemented.").with("Header",
                            lower);
                }
            }
        }
        Requested requested = requested(headers);
        if (customer && requested != null) {
            throw S3Exception.of(S3Error.INVALID_ARGUMENT, "Server side encryption specified with both SSE and "
                    + "SSE-C headers").with("ArgumentName", S3Headers.SERVER_SIDE_ENCRYPTION);
        }
    }

    /** What a write asks for, or null when it names no algorithm. */
    public static Requested requested(MultiMap headers) {
        String algorithm = headers.get(S3Headers.SERVER_SIDE_ENCRYPTION);
        String keyId = headers.get(S3Headers.SSE_KMS_KEY_ID);
        String context = headers.get(S3Headers.SSE_CONTEXT);
        boolean bucketKey = bucketKey(headers.get(S3Headers.SSE_BUCKET_KEY));
        if (algorithm == null) {
            if (keyId != null || context != null) throw kmsWithout(keyId != null ? S3Headers.SSE_KMS_KEY_ID
                    : S3Headers.SSE_CONTEXT);
            return null;
        }
        switch (algorithm) {
            case Encryption.AES256 -> {
                if (keyId != null || context != null) {
                    throw kmsWithout(keyId != null ? S3Headers.SSE_KMS_KEY_ID : S3Headers.SSE_CONTEXT);
                }
                return new Requested(algorithm, null, null, bucketKey);
            }
            case Encryption.KMS -> {
                return new Requested(algorithm, keyId, context == null ? null : context(context), bucketKey);
            }
            case "aws:kms:dsse" -> throw S3Exception.of(S3Error.NOT_IMPLEMENTED, "Dual-layer encryption "
                    + "(aws:kms:dsse) is not implemented.").with("Header", S3Headers.SERVER_SIDE_ENCRYPTION);
            default -> throw S3Exception.of(S3Error.INVALID_ARGUMENT, "The encryption method specified is not "
                    + "supported").with("ArgumentName", S3Headers.SERVER_SIDE_ENCRYPTION)
                    .with("ArgumentValue", algorithm);
        }
    }

    /** The encryption context as sent, checked to be base64 of a JSON object of strings. */
    private static String context(String base64) {
        try {
            JsonNode tree = JSON.readTree(Base64.getDecoder().decode(base64));
            boolean strings = tree != null && tree.isObject();
            if (strings) {
                for (JsonNode value : tree) strings &= value.isTextual();
            }
            if (strings) return base64;
        } catch (IllegalArgumentException | IOException e) {
            // answered below
        }
        throw S3Exception.of(S3Error.INVALID_ARGUMENT, "The header 'x-amz-server-side-encryption-context' shall be "
                + "Base64-encoded UTF-8 string holding JSON which represents a string-string map")
                .with("ArgumentName", S3Headers.SSE_CONTEXT);
    }

    private static boolean bucketKey(String value) {
        if (value == null || value.equalsIgnoreCase("false")) return false;
        if (value.equalsIgnoreCase("true")) return true;
        throw S3Exception.of(S3Error.INVALID_ARGUMENT, "Bucket key enabled must be true or false")
                .with("ArgumentName", S3Headers.SSE_BUCKET_KEY).with("ArgumentValue", value);
    }

    private static S3Exception kmsWithout(String header) {
        return S3Exception.of(S3Error.INVALID_ARGUMENT, "Server Side Encryption with AWS KMS managed key requires "
                + "HTTP header x-amz-server-side-encryption : aws:kms").with("ArgumentName", header);
    }

    private static S3Exception notTaken(String header, String value) {
        return S3Exception.of(S3Error.INVALID_ARGUMENT, header + " header is not supported for this operation.")
                .with("ArgumentName", header).with("ArgumentValue", value);
    }
}

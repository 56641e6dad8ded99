package io.granary.api.http;

import io.granary.api.crypto.CustomerKey;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.vertx.core.MultiMap;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The SSE-C key a request carries ({@code ...-customer-algorithm}, {@code -key}, {@code -key-MD5}, for the
 * object or, with the copy-source prefix, a copy's source). As AWS: all three or none, {@code AES256} only, a
 * 256-bit key matching its MD5, and never over plain HTTP, except from this machine's own loopback, where
 * the key does not cross a network.
 */
public final class CustomerKeyHeaders {

    private CustomerKeyHeaders() {
    }

    /**
     * The key under {@code prefix} ({@link S3Headers#SSE_CUSTOMER} or {@link S3Headers#COPY_SOURCE_SSE_CUSTOMER}),
     * or null when the request has none.
     *
     * @param secure whether the connection is TLS or loopback
     */
    public static CustomerKey parse(MultiMap headers, String prefix, boolean secure) {
        String algorithm = headers.get(prefix + "algorithm");
        String key = headers.get(prefix + "key");
        String md5 = headers.get(prefix + "key-MD5");
        if (algorithm == null && key == null && md5 == null) return null;
        if (!secure) {
            throw S3Exception.of(S3Error.INVALID_REQUEST, "Requests specifying Server Side Encryption with Customer "
                    + "provided keys must be made over a secure connection.");
        }
        if (algorithm == null) {
            throw invalid(prefix + "algorithm", "Requests specifying Server Side Encryption with Customer provided "
                    + "keys must provide a valid encryption algorithm.");
        }
        if (!algorithm.equals("AES256")) {
            throw S3Exception.of(S3Error.INVALID_ENCRYPTION_ALGORITHM, "The Encryption request you specified is not "
                    + "valid. Supported value: AES256.").with("ArgumentName", prefix + "algorithm")
                    .with("ArgumentValue", algorithm);
        }
        if (key == null) {
            throw invalid(prefix + "key", "Requests specifying Server Side Encryption with Customer provided keys "
                    + "must provide an appropriate secret key.");
        }
        if (md5 == null) {
            throw invalid(prefix + "key-MD5", "Requests specifying Server Side Encryption with Customer provided "
                    + "keys must provide the client calculated MD5 of the secret key.");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            raw = new byte[0];
        }
        if (raw.length != 32) {
            throw invalid(prefix + "key", "The secret key was invalid for the specified algorithm.");
        }
        if (!Base64.getEncoder().encodeToString(md5(raw)).equals(md5)) {
            throw invalid(prefix + "key-MD5", "The calculated MD5 hash of the key did not match the hash that was "
                    + "provided.");
        }
        return new CustomerKey(raw, md5);
    }

    private static byte[] md5(byte[] key) {
        try {
            return MessageDigest.getInstance("MD5").digest(key);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every Java platform", e);
        }
    }

    private static S3Exception invalid(String header, String message) {
        return S3Exception.of(S3Error.INVALID_ARGUMENT, message).with("ArgumentName", header);
    }
}

package io.granary.api.handler;

import io.granary.api.crypto.CustomerKey;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.http.CustomerKeyHeaders;
import io.granary.api.http.EncryptionHeaders;
import io.granary.api.http.S3Headers;
import io.granary.api.http.S3Request;
import io.granary.api.pipeline.PartKeys;
import io.granary.iam.KeyStore;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.model.DefaultEncryption;
import io.granary.metadata.model.Encryption;
import io.vertx.core.MultiMap;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which server-side encryption a new object or upload gets (the one its request names, else the bucket's
 * default, else none), the client's key a read of an SSE-C object must present, and the response headers that
 * say how an object is encrypted.
 */
final class ServerSideEncryption {

    private ServerSideEncryption() {
    }

    /**
     * The encryption of a new object or upload, null for bytes stored in clear. An SSE-KMS key is resolved in
     * the bucket owner's account and must be enabled.
     *
     * @param headers the request's headers (a POST form's fields)
     */
    static PartKeys.Request chosen(S3Request request, MultiMap headers, BucketRecord bucket, KeyStore keys) {
        CustomerKey customer = CustomerKeyHeaders.parse(headers, S3Headers.SSE_CUSTOMER, secure(request));
        if (customer != null) return new PartKeys.Request(Encryption.customer(customer.newCheck()), customer);
        EncryptionHeaders.Requested requested = EncryptionHeaders.requested(headers);
        DefaultEncryption byDefault = bucket.encryption();
        if (requested == null && byDefault != null) {
            requested = new EncryptionHeaders.Requested(byDefault.algorithm(), byDefault.kmsKeyId(), null,
                    byDefault.bucketKeyEnabled());
        }
        if (requested == null) return null;
        Encryption encryption = Encryption.KMS.equals(requested.algorithm())
                ? Encryption.kms(keys.enabledKey(bucket.ownerAccountId(), requested.kmsKeyId()), requested.context(),
                        requested.bucketKey())
                : Encryption.s3(requested.bucketKey());
        return new PartKeys.Request(encryption, null);
    }

    /** A part of an upload: the upload's encryption, with the client's key checked against it for SSE-C. */
    static PartKeys.Request forPart(S3Request request, Encryption upload) {
        CustomerKey key = CustomerKeyHeaders.parse(request.http().headers(), S3Headers.SSE_CUSTOMER,
                secure(request));
        if (upload == null && key == null) return null;
        return new PartKeys.Request(upload, presented(upload, key, false));
    }

    /** CompleteMultipartUpload: an SSE-C key is optional there, but one given must be the upload's. */
    static void checkOptionalKey(S3Request request, Encryption upload) {
        CustomerKey key = CustomerKeyHeaders.parse(request.http().headers(), S3Headers.SSE_CUSTOMER,
                secure(request));
        if (key != null) presented(upload, key, false);
    }

    /**
     * The client's key for reading what is stored with {@code stored} (an object, or a copy's source when
     * {@code source}), null when it is not SSE-C.
     *
     * @throws S3Exception InvalidRequest when the key is missing or given for an object that has none,
     *     AccessDenied when it is another key
     */
    static CustomerKey forReading(S3Request request, Encryption stored, boolean source) {
        CustomerKey key = CustomerKeyHeaders.parse(request.http().headers(), source ? S3Headers.COPY_SOURCE_SSE_CUSTOMER
                : S3Headers.SSE_CUSTOMER, secure(request));
        return presented(stored, key, source);
    }

    private static CustomerKey presented(Encryption stored, CustomerKey key, boolean source) {
        boolean customer = stored != null && stored.isCustomer();
        if (customer && key == null) {
            throw S3Exception.of(S3Error.INVALID_REQUEST, source ? "The source object was stored using a form of "
                    + "Server Side Encryption. The correct parameters must be provided to retrieve the object."
                    : "The object was stored using a form of Server Side Encryption. The correct parameters must be "
                    + "provided to retrieve the object.");
        }
        if (!customer && key != null) {
            throw S3Exception.of(S3Error.INVALID_REQUEST, "The encryption parameters are not applicable to this "
                    + "object.");
        }
        if (customer && !key.matches(stored.customerKeyCheck())) {
            throw S3Exception.of(S3Error.ACCESS_DENIED, "The key given is not the one the "
                    + (source ? "source object" : "object") + " was encrypted with.");
        }
        return key;
    }

    /**
     * Adds the headers that describe {@code encryption} (none when null); for SSE-C, the key's MD5 the request
     * gave ({@code keyMd5}, checked; null when it gave none, as a CompleteMultipartUpload does).
     */
    static void describe(MultiMap response, Encryption encryption, String keyMd5) {
        if (encryption == null) return;
        if (encryption.isCustomer()) {
            response.set(S3Headers.SSE_CUSTOMER + "algorithm", "AES256");
            if (keyMd5 != null) response.set(S3Headers.SSE_CUSTOMER + "key-MD5", keyMd5);
            return;
        }
        response.set(S3Headers.SERVER_SIDE_ENCRYPTION, encryption.headerValue());
        if (encryption.isKms()) response.set(S3Headers.SSE_KMS_KEY_ID, encryption.kmsKeyArn());
        if (encryption.bucketKey()) response.set(S3Headers.SSE_BUCKET_KEY, "true");
    }

    /** The MD5 of the SSE-C key the request carries, null when it carries none. */
    static String keyMd5(S3Request request) {
        return request.header(S3Headers.SSE_CUSTOMER + "key-MD5");
    }

    /** TLS, or loopback, where a key sent in clear does not leave the machine. */
    private static boolean secure(S3Request request) {
        if (request.http().isSSL()) return true;
        try {
            return InetAddress.getByName(request.http().remoteAddress().hostAddress()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}

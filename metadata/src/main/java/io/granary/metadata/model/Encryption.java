package io.granary.metadata.model;

/**
 * The server-side encryption an object, part or upload was given: SSE-S3 ({@code AES256}), SSE-KMS
 * ({@code aws:kms} with the key's ARN, the client's encryption context as sent, base64 JSON or null, and the
 * bucket-key flag as asked for) or SSE-C ({@link #CUSTOMER}, with {@code customerKeyCheck}: a random salt and
 * the HMAC-SHA256 of it under the client's key, base64, which recognises the key without storing it).
 */
public record Encryption(String algorithm, String kmsKeyArn, String context, boolean bucketKey,
        String customerKeyCheck) {
    public static final String AES256 = "AES256";
    public static final String KMS = "aws:kms";
    /** Not an S3 value: SSE-C objects carry {@code x-amz-server-side-encryption-customer-algorithm: AES256}. */
    public static final String CUSTOMER = "SSE-C";

    public static Encryption s3(boolean bucketKey) {
        return new Encryption(AES256, null, null, bucketKey, null);
    }

    public static Encryption kms(String keyArn, String context, boolean bucketKey) {
        return new Encryption(KMS, keyArn, context, bucketKey, null);
    }

    public static Encryption customer(String keyCheck) {
        return new Encryption(CUSTOMER, null, null, false, keyCheck);
    }

    public boolean isCustomer() {
        return CUSTOMER.equals(algorithm);
    }

    public boolean isKms() {
        return KMS.equals(algorithm);
    }

    /** The value of {@code x-amz-server-side-encryption}, null for SSE-C (which has its own headers). */
    public String headerValue() {
        return isCustomer() ? null : algorithm;
    }
}

package io.granary.iam.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 primitives of AWS Signature V4, shared by the S3 verifier and by the signing of
 * internal (API node to data node) requests. Signing keys are derived as
 * {@code HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")}. Mac and digest
 * instances are cached per thread because they are used on every request.
 */
public final class SigV4Signing {
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    /** Hex SHA-256 of the empty string, a fixed line of the chunk string to sign. */
    public static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String HMAC = "HmacSHA256";
    private static final byte[] LOWER_HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(SigV4Signing::newMac);
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(SigV4Signing::sha256);

    private SigV4Signing() {
    }

    /** The signing key for one secret, date ({@code yyyyMMdd}), region and service. */
    public static byte[] signingKey(String secret, String date, String region, String service) {
        byte[] key = hmacSha256(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmacSha256(key, region);
        key = hmacSha256(key, service);
        return hmacSha256(key, "aws4_request");
    }

    public static byte[] hmacSha256(byte[] key, String data) {
        return hmacSha256(key, data.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] hmacSha256(byte[] key, byte[] data) {
        Mac mac = MAC.get();
        try {
            mac.init(new SecretKeySpec(key, HMAC));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 rejected the key", e);
        }
        return mac.doFinal(data);
    }

    /** A Mac initialised with {@code key}, for callers that sign many strings with one key (chunk chains). */
    public static Mac newHmacSha256(byte[] key) {
        Mac mac = newMac();
        try {
            mac.init(new SecretKeySpec(key, HMAC));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 rejected the key", e);
        }
        return mac;
    }

    /** Lower-case hex SHA-256 of {@code data}, as in the canonical request and string to sign. */
    public static String sha256Hex(byte[] data) {
        return hex(SHA256.get().digest(data));
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Lower-case hex of {@code bytes}. */
    public static String hex(byte[] bytes) {
        byte[] out = new byte[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = LOWER_HEX[(bytes[i] >>> 4) & 0xf];
            out[2 * i + 1] = LOWER_HEX[bytes[i] & 0xf];
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** Compares two signatures in time independent of where they differ. */
    public static boolean constantTimeEquals(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    /** Compares a computed hex signature with one a client sent, in constant time for equal lengths. */
    public static boolean signatureMatches(String expectedHex, String providedHex) {
        return constantTimeEquals(expectedHex.getBytes(StandardCharsets.ISO_8859_1),
                providedHex.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Mac newMac() {
        try {
            return Mac.getInstance(HMAC);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}

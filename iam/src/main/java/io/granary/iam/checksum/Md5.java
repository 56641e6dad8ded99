package io.granary.iam.checksum;

import org.apache.commons.codec.binary.Hex;

/**
 * MD5 as S3 uses it: the {@code Content-MD5} request header (base64 of the 16-byte digest) and the
 * ETag of a single-part object (lower-case hex, without the quotes HTTP adds).
 */
public final class Md5 {
    public static final String CONTENT_MD5 = "Content-MD5";
    public static final int BYTE_LENGTH = 16;

    private Md5() {
    }

    public static StreamingChecksum newChecksum() {
        return new MessageDigestChecksum("MD5");
    }

    /**
     * Decodes a {@code Content-MD5} header value.
     *
     * @throws InvalidChecksumException if it is not base64 of exactly 16 bytes (S3: InvalidDigest)
     */
    public static byte[] decodeContentMd5(String base64) {
        byte[] value = Base64Values.decode(base64, CONTENT_MD5);
        if (value.length != BYTE_LENGTH) {
            throw new InvalidChecksumException(InvalidChecksumException.Reason.WRONG_LENGTH, CONTENT_MD5,
                    "The Content-MD5 you specified was invalid.");
        }
        return value;
    }

    /** The ETag of an object stored in one part: hex of its MD5, unquoted. */
    public static String etag(byte[] md5) {
        if (md5.length != BYTE_LENGTH) {
            throw new IllegalArgumentException("an MD5 has 16 bytes, got " + md5.length);
        }
        return Hex.encodeHexString(md5);
    }
}

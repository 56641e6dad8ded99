package io.granary.iam.checksum;

import java.util.Base64;
import java.util.List;
import org.apache.commons.codec.binary.Hex;

/**
 * The values S3 reports for a completed multipart upload, computed from what was recorded per
 * part, never from the bytes again: the ETag ({@code md5(md5(part1) || ... || md5(partN))-N}),
 * composite checksums ({@code base64(checksum(c1 || ... || cN))-N}) and full-object CRCs (part CRCs
 * combined in order).
 */
public final class MultipartChecksums {

    /** One part's recorded CRC (wire form) and its length in bytes. */
    public record PartCrc(byte[] value, long length) {
    }

    private MultipartChecksums() {
    }

    /** The multipart ETag, unquoted: hex MD5 of the concatenated binary part MD5s, then {@code -N}. */
    public static String etag(List<byte[]> partMd5s) {
        StreamingChecksum md5 = Md5.newChecksum();
        for (byte[] part : partMd5s) {
            if (part.length != Md5.BYTE_LENGTH) {
                throw new IllegalArgumentException("an MD5 has 16 bytes, got " + part.length);
            }
            md5.update(part);
        }
        return Hex.encodeHexString(md5.digest()) + "-" + partMd5s.size();
    }

    /** The COMPOSITE checksum as S3 shows it: base64 of the checksum of the part checksums, {@code -N}. */
    public static String composite(ChecksumAlgorithm algorithm, List<byte[]> partChecksums) {
        if (!algorithm.supportsComposite()) {
            throw new IllegalArgumentException(algorithm.apiName() + " has no composite form");
        }
        StreamingChecksum checksum = algorithm.newChecksum();
        for (byte[] part : partChecksums) {
            if (part.length != algorithm.byteLength()) {
                throw new IllegalArgumentException(algorithm.apiName() + " values have "
                        + algorithm.byteLength() + " bytes, got " + part.length);
            }
            checksum.update(part);
        }
        return Base64.getEncoder().encodeToString(checksum.digest()) + "-" + partChecksums.size();
    }

    /** The FULL_OBJECT CRC (wire form) of the parts in order; an upload of no parts has the empty CRC. */
    public static byte[] fullObject(ChecksumAlgorithm algorithm, List<PartCrc> parts) {
        byte[] crc = algorithm.compute(new byte[0]);
        for (PartCrc part : parts) {
            crc = algorithm.combine(crc, part.value(), part.length());
        }
        return crc;
    }
}

package io.granary.api.http;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.iam.checksum.ChecksumAlgorithm;
import io.granary.iam.checksum.Md5;
import io.granary.metadata.model.ChecksumType;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The integrity headers of an upload: {@code Content-MD5}, and the one {@code x-amz-checksum-*}
 * algorithm the client asked for, with its value either in a header or announced by
 * {@code x-amz-trailer} (aws-chunked bodies) or only named by {@code x-amz-sdk-checksum-algorithm}
 * (computed and stored, nothing to compare). Values are validated when parsed and compared after
 * the body: any mismatch is {@code BadDigest} and nothing is stored.
 */
public record ChecksumHeaders(byte[] contentMd5, ChecksumAlgorithm algorithm, String expected, boolean inTrailer) {

    public static final ChecksumHeaders NONE = new ChecksumHeaders(null, null, null, false);

    /** Parses the request headers through {@code header} (name → value or null). */
    public static ChecksumHeaders parse(Function<String, String> header) {
        String md5Header = header.apply(S3Headers.CONTENT_MD5);
        byte[] md5 = md5Header == null ? null : Md5.decodeContentMd5(md5Header.trim());
        ChecksumAlgorithm algorithm = null;
        String expected = null;
        for (ChecksumAlgorithm candidate : ChecksumAlgorithm.values()) {
            String value = header.apply(candidate.headerName());
            if (value == null) continue;
            if (algorithm != null) {
                throw S3Exception.of(S3Error.INVALID_REQUEST, "Expecting a single x-amz-checksum- header. Multiple "
                        + "checksum Types are not allowed.");
            }
            candidate.decode(value.trim());
            algorithm = candidate;
            expected = value.trim();
        }
        boolean inTrailer = false;
        String trailer = header.apply(S3Headers.TRAILER);
        if (trailer != null && algorithm == null) {
            algorithm = ChecksumAlgorithm.fromHeaderName(trailer.trim().toLowerCase(Locale.ROOT)).orElseThrow(() ->
                    S3Exception.of(S3Error.INVALID_REQUEST, "The value specified in the x-amz-trailer header is not "
                            + "supported"));
            inTrailer = true;
        }
        String sdkAlgorithm = header.apply(S3Headers.SDK_CHECKSUM_ALGORITHM);
        if (algorithm == null && sdkAlgorithm != null) algorithm = algorithm(sdkAlgorithm);
        return new ChecksumHeaders(md5, algorithm, expected, inTrailer);
    }

    /** Whether the request carries any integrity check (S3 requires one on object lock writes). */
    public boolean present() {
        return contentMd5 != null || algorithm != null;
    }

    /** Parses an algorithm name as S3 writes it (CRC32, CRC64NVME, ...), or fails with InvalidRequest. */
    public static ChecksumAlgorithm algorithm(String name) {
        try {
            return ChecksumAlgorithm.fromApiName(name.trim());
        } catch (IllegalArgumentException e) {
            throw S3Exception.of(S3Error.INVALID_REQUEST, "Checksum algorithm provided is unsupported. Please try "
                    + "again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]");
        }
    }

    /** Parses {@code x-amz-checksum-type} (COMPOSITE or FULL_OBJECT), or fails with InvalidRequest. */
    public static ChecksumType type(String header) {
        try {
            return ChecksumType.valueOf(header.trim());
        } catch (IllegalArgumentException e) {
            throw S3Exception.of(S3Error.INVALID_REQUEST, "Value for x-amz-checksum-type header is invalid.");
        }
    }

    /**
     * Compares the computed digests with what the client sent.
     *
     * @param md5      the body's MD5
     * @param checksum the body's value of {@link #algorithm()}, or null when none was computed
     * @param trailers the aws-chunked trailers (lower-case names)
     * @throws S3Exception BadDigest on any mismatch, InvalidRequest when an announced trailer is absent
     */
    public void verify(byte[] md5, byte[] checksum, Map<String, String> trailers) {
        if (contentMd5 != null && !MessageDigest.isEqual(contentMd5, md5)) {
            throw S3Exception.of(S3Error.BAD_DIGEST, "The Content-MD5 you specified did not match what we received.");
        }
        if (algorithm == null) return;
        String sent = expected;
        if (inTrailer) {
            sent = trailers.get(algorithm.headerName());
            if (sent == null) {
                throw S3Exception.of(S3Error.INVALID_REQUEST, "The trailer " + algorithm.headerName()
                        + " announced in x-amz-trailer was not sent.");
            }
            algorithm.decode(sent.trim());
        }
        if (sent != null && !MessageDigest.isEqual(algorithm.decode(sent.trim()), checksum)) {
            throw S3Exception.of(S3Error.BAD_DIGEST, "The " + algorithm.headerName() + " you specified did not "
                    + "match the calculated checksum.");
        }
    }

    /** The value to store and return for the body's checksum, base64 as on the wire. */
    public static String encode(byte[] checksum) {
        return Base64.getEncoder().encodeToString(checksum);
    }
}

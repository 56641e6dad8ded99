package io.granary.api.handler;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.http.ChecksumHeaders;
import io.granary.api.http.S3Headers;
import io.granary.api.http.S3Request;
import io.granary.api.xml.RequestDocuments.CompletedPart;
import io.granary.iam.checksum.ChecksumAlgorithm;
import io.granary.metadata.model.Checksum;
import io.granary.metadata.model.ChecksumType;
import io.granary.metadata.model.PartRecord;
import io.granary.metadata.model.UploadRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a CompleteMultipartUpload claims about the object it assembles, verified against what was stored
 * before anything is committed: each part's checksum in the body (a mismatch is InvalidPart), the
 * whole object's checksum in an {@code x-amz-checksum-*} header (BadDigest), {@code x-amz-checksum-type}
 * and {@code x-amz-mp-object-size} (InvalidRequest when they contradict the upload).
 */
record CompletionClaims(Map<Integer, Checksum> partChecksums, ChecksumHeaders objectChecksum, ChecksumType type,
        Long objectSize) {

    static CompletionClaims parse(S3Request request, List<CompletedPart> parts) {
        Map<Integer, Checksum> claimed = new HashMap<>();
        for (CompletedPart part : parts) {
            Checksum checksum = partChecksum(part);
            if (checksum != null) claimed.put(part.partNumber(), checksum);
        }
        String typeHeader = request.header(S3Headers.CHECKSUM_TYPE);
        ChecksumType type = typeHeader == null ? null : ChecksumHeaders.type(typeHeader);
        String size = request.header(S3Headers.MP_OBJECT_SIZE);
        Long objectSize;
        try {
            objectSize = size == null ? null : Long.parseLong(size.trim());
        } catch (NumberFormatException e) {
            throw S3Exception.of(S3Error.INVALID_ARGUMENT, "Invalid " + S3Headers.MP_OBJECT_SIZE)
                    .with("ArgumentName", S3Headers.MP_OBJECT_SIZE).with("ArgumentValue", size);
        }
        return new CompletionClaims(claimed, ChecksumHeaders.parse(request::header), type, objectSize);
    }

    private static Checksum partChecksum(CompletedPart part) {
        Map<ChecksumAlgorithm, String> sent = new HashMap<>();
        put(sent, ChecksumAlgorithm.CRC32, part.checksumCrc32());
        put(sent, ChecksumAlgorithm.CRC32C, part.checksumCrc32c());
        put(sent, ChecksumAlgorithm.CRC64NVME, part.checksumCrc64nvme());
        put(sent, ChecksumAlgorithm.SHA1, part.checksumSha1());
        put(sent, ChecksumAlgorithm.SHA256, part.checksumSha256());
        if (sent.size() > 1) throw S3Exception.of(S3Error.MALFORMED_XML);
        return sent.entrySet().stream().findFirst()
                .map(e -> new Checksum(e.getKey().apiName(), e.getValue().trim(), null)).orElse(null);
    }

    private static void put(Map<ChecksumAlgorithm, String> sent, ChecksumAlgorithm algorithm, String value) {
        if (value != null) sent.put(algorithm, value);
    }

    /** Checks each claimed part checksum against the part's stored one. */
    void verifyParts(List<PartRecord> parts) {
        for (PartRecord part : parts) {
            Checksum claimed = partChecksums.get(part.partNumber());
            if (claimed == null) continue;
            boolean same = part.checksums().stream().anyMatch(stored -> stored.algorithm().equals(claimed.algorithm())
                    && stored.value().equals(claimed.value()));
            if (!same) {
                throw S3Exception.of(S3Error.INVALID_PART, "The " + claimed.algorithm() + " checksum of part "
                        + part.partNumber() + " does not match the part that was uploaded.");
            }
        }
    }

    /** Checks the type, size and whole-object checksum the request names against the assembled object. */
    void verifyObject(UploadRecord upload, long size, List<Checksum> checksums) {
        if (type != null && type != upload.checksumType()) {
            throw S3Exception.of(S3Error.INVALID_REQUEST, "The upload was created using the "
                    + (upload.checksumType() == null ? "no" : upload.checksumType()) + " checksum type; "
                    + S3Headers.CHECKSUM_TYPE + " says " + type + ".");
        }
        if (objectSize != null && objectSize != size) {
            throw S3Exception.of(S3Error.INVALID_REQUEST, "The provided " + S3Headers.MP_OBJECT_SIZE + " value "
                    + objectSize + " does not match the object size " + size + ".");
        }
        String expected = objectChecksum.expected();
        if (expected == null) return;
        String algorithm = objectChecksum.algorithm().apiName();
        if (!algorithm.equals(upload.checksumAlgorithm()) || checksums.isEmpty()) {
            throw S3Exception.of(S3Error.INVALID_REQUEST, "The upload was created using the "
                    + (upload.checksumAlgorithm() == null ? "no" : upload.checksumAlgorithm())
                    + " checksum algorithm; the request sends " + objectChecksum.algorithm().headerName() + ".");
        }
        if (!withoutPartCount(checksums.get(0).value()).equals(withoutPartCount(expected))) {
            throw S3Exception.of(S3Error.BAD_DIGEST, "The " + objectChecksum.algorithm().headerName() + " you "
                    + "specified did not match the calculated checksum.");
        }
    }

    /** A COMPOSITE value reads {@code base64-N}; clients may send it with or without the part count. */
    private static String withoutPartCount(String value) {
        int dash = value.lastIndexOf('-');
        return dash < 0 ? value : value.substring(0, dash);
    }
}

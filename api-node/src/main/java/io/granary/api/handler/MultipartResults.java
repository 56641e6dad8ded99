package io.granary.api.handler;

import io.granary.erasure.StripeLayout;
import io.granary.iam.checksum.ChecksumAlgorithm;
import io.granary.iam.checksum.MultipartChecksums;
import io.granary.metadata.model.Checksum;
import io.granary.metadata.model.ChecksumType;
import io.granary.metadata.model.ObjectLayout;
import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.model.PartLayout;
import io.granary.metadata.model.PartRecord;
import io.granary.metadata.model.UploadRecord;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What a completed multipart upload becomes: the object record pointing at the parts' own shard sets,
 * its ETag {@code "md5(concatenated part MD5s)-N"} and, when the upload asked for one, its checksum:
 * COMPOSITE ({@code base64(checksum(part checksums))-N}) or FULL_OBJECT (part CRCs combined without
 * reading the data again). The object gets the ACL CreateMultipartUpload asked for.
 */
final class MultipartResults {

    /**
     * Assembles the object after checking what the Complete request claims about it.
     *
     * @throws io.granary.api.error.S3Exception InvalidPart, BadDigest or InvalidRequest from {@code claims}
     */
    ObjectRecord assemble(UploadRecord upload, List<PartRecord> parts, CompletionClaims claims, long now,
            StripeLayout layout) {
        claims.verifyParts(parts);
        List<byte[]> md5s = new ArrayList<>();
        List<PartLayout> layouts = new ArrayList<>();
        long size = 0;
        for (PartRecord part : parts) {
            md5s.add(HexFormat.of().parseHex(part.etag().replace("\"", "")));
            // The part keeps its own checksum in the object, for GetObjectAttributes.
            layouts.add(part.layout().withChecksum(part.checksums().isEmpty() ? null : part.checksums().get(0)));
            size += part.size();
        }
        List<Checksum> checksums = checksums(upload, parts);
        claims.verifyObject(upload, size, checksums);
        String etag = "\"" + MultipartChecksums.etag(md5s) + "\"";
        return new ObjectRecord(upload.key(), ObjectRecord.NULL_VERSION, size, etag, upload.headers(),
                upload.userMetadata(), upload.tags(), checksums, now,
                new ObjectLayout(layout.dataShards(), layout.parityShards(), layout.blockSize(), layouts),
                upload.storageClass(), upload.acl(), upload.lock());
    }

    private static List<Checksum> checksums(UploadRecord upload, List<PartRecord> parts) {
        if (upload.checksumAlgorithm() == null) return List.of();
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.fromApiName(upload.checksumAlgorithm());
        List<byte[]> values = new ArrayList<>();
        List<MultipartChecksums.PartCrc> crcs = new ArrayList<>();
        for (PartRecord part : parts) {
            Checksum checksum = part.checksums().stream().filter(c -> c.algorithm().equals(algorithm.apiName()))
                    .findFirst().orElse(null);
            if (checksum == null) return List.of();
            byte[] value = algorithm.decode(checksum.value());
            values.add(value);
            crcs.add(new MultipartChecksums.PartCrc(value, part.size()));
        }
        if (upload.checksumType() == ChecksumType.FULL_OBJECT) {
            return List.of(new Checksum(algorithm.apiName(), algorithm.encode(MultipartChecksums.fullObject(
                    algorithm, crcs)), ChecksumType.FULL_OBJECT));
        }
        return List.of(new Checksum(algorithm.apiName(), MultipartChecksums.composite(algorithm, values),
                ChecksumType.COMPOSITE));
    }
}

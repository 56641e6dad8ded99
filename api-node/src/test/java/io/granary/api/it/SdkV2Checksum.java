package io.granary.api.it;

import java.util.Base64;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ObjectPart;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * The five checksum algorithms of S3, computed by the test itself (CRC64NVME would need the AWS CRT
 * library inside the SDK), with the SDK setters and getters of each, so a test can run once per algorithm.
 */
enum SdkV2Checksum {
    CRC32(ChecksumAlgorithm.CRC32, true),
    CRC32C(ChecksumAlgorithm.CRC32_C, true),
    CRC64NVME(ChecksumAlgorithm.CRC64_NVME, false),
    SHA1(ChecksumAlgorithm.SHA1, true),
    SHA256(ChecksumAlgorithm.SHA256, true);

    final ChecksumAlgorithm algorithm;
    /** Whether a multipart upload may use the COMPOSITE type with it (only CRCs have FULL_OBJECT). */
    final boolean composite;

    SdkV2Checksum(ChecksumAlgorithm algorithm, boolean composite) {
        this.algorithm = algorithm;
        this.composite = composite;
    }

    boolean fullObject() {
        return this == CRC32 || this == CRC32C || this == CRC64NVME;
    }

    byte[] raw(byte[]... data) {
        return switch (this) {
            case CRC32 -> TestData.crcBytes(new CRC32(), 4, data);
            case CRC32C -> TestData.crcBytes(new CRC32C(), 4, data);
            case CRC64NVME -> TestData.crcBytes(new Crc64Nvme(), 8, data);
            case SHA1 -> TestData.digest("SHA-1", data);
            case SHA256 -> TestData.digest("SHA-256", data);
        };
    }

    String encoded(byte[]... data) {
        return Base64.getEncoder().encodeToString(raw(data));
    }

    /** The wire name of the value's element and field, e.g. {@code ChecksumCRC32C}. */
    String field() {
        return "Checksum" + name();
    }

    /** This algorithm's value in {@code response}, or null. */
    String of(SdkResponse response) {
        return response.getValueForField(field(), String.class).orElse(null);
    }

    String of(ObjectPart part) {
        return switch (this) {
            case CRC32 -> part.checksumCRC32();
            case CRC32C -> part.checksumCRC32C();
            case CRC64NVME -> part.checksumCRC64NVME();
            case SHA1 -> part.checksumSHA1();
            case SHA256 -> part.checksumSHA256();
        };
    }

    PutObjectRequest.Builder set(PutObjectRequest.Builder put, String value) {
        return switch (this) {
            case CRC32 -> put.checksumCRC32(value);
            case CRC32C -> put.checksumCRC32C(value);
            case CRC64NVME -> put.checksumCRC64NVME(value);
            case SHA1 -> put.checksumSHA1(value);
            case SHA256 -> put.checksumSHA256(value);
        };
    }

    UploadPartRequest.Builder set(UploadPartRequest.Builder part, String value) {
        return switch (this) {
            case CRC32 -> part.checksumCRC32(value);
            case CRC32C -> part.checksumCRC32C(value);
            case CRC64NVME -> part.checksumCRC64NVME(value);
            case SHA1 -> part.checksumSHA1(value);
            case SHA256 -> part.checksumSHA256(value);
        };
    }

    CompleteMultipartUploadRequest.Builder set(CompleteMultipartUploadRequest.Builder complete, String value) {
        return switch (this) {
            case CRC32 -> complete.checksumCRC32(value);
            case CRC32C -> complete.checksumCRC32C(value);
            case CRC64NVME -> complete.checksumCRC64NVME(value);
            case SHA1 -> complete.checksumSHA1(value);
            case SHA256 -> complete.checksumSHA256(value);
        };
    }

    CompletedPart.Builder set(CompletedPart.Builder part, String value) {
        return switch (this) {
            case CRC32 -> part.checksumCRC32(value);
            case CRC32C -> part.checksumCRC32C(value);
            case CRC64NVME -> part.checksumCRC64NVME(value);
            case SHA1 -> part.checksumSHA1(value);
            case SHA256 -> part.checksumSHA256(value);
        };
    }
}

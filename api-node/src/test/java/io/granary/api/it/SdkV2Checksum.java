package io.granary.api.it;

import java.lang.reflect.Method;
import java.util.Base64;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ObjectPart;

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

    /** This algorithm's value in a part of GetObjectAttributes, or null. */
    String of(ObjectPart part) {
        return (String) call(part, "checksum" + name(), new Class<?>[0]);
    }

    /**
     * Sets this algorithm's value on any SDK builder that has the checksum fields (PutObject, UploadPart,
     * CompletedPart, CompleteMultipartUpload): each has {@code checksumCRC32(String)} and so on, but no common
     * interface declares them.
     */
    @SuppressWarnings("unchecked")
    <B> B set(B builder, String value) {
        return (B) call(builder, "checksum" + name(), new Class<?>[] {String.class}, value);
    }

    private static Object call(Object target, String method, Class<?>[] types, Object... args) {
        try {
            Method found = target.getClass().getMethod(method, types);
            found.setAccessible(true);
            return found.invoke(target, args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(target.getClass() + " has no " + method, e);
        }
    }
}

package io.granary.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.Checksum;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Deterministic test payloads, digests of them, and an assertion for S3 error answers. */
public final class TestData {
    public static final int MIB = 1024 * 1024;

    private TestData() {
    }

    public static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** Writes {@code size} pseudo-random bytes to {@code file} in 1 MiB blocks, never holding them all. */
    public static Path randomFile(Path file, long size, long seed) throws IOException {
        Random random = new Random(seed);
        byte[] block = new byte[MIB];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(left, block.length));
            }
        }
        return file;
    }

    static byte[] digest(String algorithm, byte[]... chunks) {
        MessageDigest digest = messageDigest(algorithm);
        for (byte[] chunk : chunks) {
            digest.update(chunk);
        }
        return digest.digest();
    }

    static String md5Hex(byte[]... chunks) {
        return HexFormat.of().formatHex(digest("MD5", chunks));
    }

    /** SHA-256 of a file, streamed. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    /** SHA-256 of everything {@code in} yields, streamed (the caller closes it). */
    public static String sha256(InputStream in) throws IOException {
        MessageDigest digest = messageDigest("SHA-256");
        byte[] buffer = new byte[MIB];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A CRC's value as the big-endian bytes S3 base64-encodes ({@code width} 4 or 8). */
    static byte[] crcBytes(Checksum crc, int width, byte[]... chunks) {
        for (byte[] chunk : chunks) {
            crc.update(chunk, 0, chunk.length);
        }
        ByteBuffer out = ByteBuffer.allocate(8).putLong(crc.getValue());
        byte[] bytes = new byte[width];
        System.arraycopy(out.array(), 8 - width, bytes, 0, width);
        return bytes;
    }

    /** Runs {@code call}, expecting S3 to refuse it with {@code status} and (unless null) {@code code}. */
    public static S3Exception assertS3Error(int status, String code, Executable call) {
        S3Exception e = assertThrows(S3Exception.class, call);
        assertEquals(status, e.statusCode(), () -> "status of " + e.getMessage());
        if (code != null) assertEquals(code, e.awsErrorDetails().errorCode(), e::getMessage);
        return e;
    }

    private static MessageDigest messageDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

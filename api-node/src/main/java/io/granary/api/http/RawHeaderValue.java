package io.granary.api.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Header values beyond ASCII. Netty hands header bytes over one char per byte (ISO-8859-1), while SDKs
 * (botocore, the AWS SDKs) send and sign non-ASCII values as UTF-8: {@link #decoded} recovers the
 * characters the client meant, so a signature over the raw bytes verifies and metadata is stored as
 * text. On the way out S3 sends such values as an RFC 2047 encoded-word ({@link #mailSafe}).
 */
public final class RawHeaderValue {
    private RawHeaderValue() {
    }

    /** The value's raw bytes read as UTF-8 when they are valid UTF-8; otherwise the value unchanged. */
    public static String decoded(String value) {
        if (isAscii(value)) return value;
        byte[] raw = value.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException notUtf8) {
            return value;
        }
    }

    /**
     * The value as S3 returns user metadata: unchanged when ASCII, else {@code =?UTF-8?B?base64?=}
     * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingMetadata.html).
     */
    public static String mailSafe(String value) {
        if (isAscii(value)) return value;
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    private static boolean isAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) return false;
        }
        return true;
    }
}

package io.granary.api.notify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.StringJoiner;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook delivery, for Granary (which signs) and for receivers (which verify; the class needs
 * nothing but the JDK, so a receiver can copy it). A delivery carries {@code Granary-Timestamp} (Unix seconds) and
 * {@code Granary-Signature: v1=HEX[,v1=HEX]}, each HEX being HMAC-SHA256(secret, timestamp + "." + body) under one
 * of the target's secrets (two while a rotated-out secret still signs). A receiver accepts a delivery when one
 * signature matches its secret and the timestamp is within its tolerance (5 minutes is the usual choice) of its
 * clock, and uses {@code Granary-Event-Id} to drop repeats: delivery is at least once.
 */
public final class WebhookSignature {
    public static final String TIMESTAMP_HEADER = "Granary-Timestamp";
    public static final String SIGNATURE_HEADER = "Granary-Signature";
    public static final String EVENT_ID_HEADER = "Granary-Event-Id";
    /** How old a delivery's timestamp a receiver should accept at most. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    private static final String SCHEME = "v1=";

    private WebhookSignature() {
    }

    /** The {@code Granary-Signature} value for {@code body} sent at {@code timestampSeconds}, one per secret. */
    public static String sign(List<String> secrets, long timestampSeconds, byte[] body) {
        StringJoiner header = new StringJoiner(",");
        for (String secret : secrets) {
            header.add(SCHEME + HexFormat.of().formatHex(mac(secret, timestampSeconds, body)));
        }
        return header.toString();
    }

    /**
     * Whether a delivery is genuine and fresh: {@code signatureHeader} holds a signature of {@code body} under
     * {@code secret} for {@code timestampHeader}, and that timestamp is no further than {@code tolerance} from
     * {@code now}. Missing or malformed headers are not genuine. The comparison takes constant time.
     */
    public static boolean verify(String secret, String timestampHeader, String signatureHeader, byte[] body,
                                 Instant now, Duration tolerance) {
        if (secret == null || timestampHeader == null || signatureHeader == null || body == null) return false;
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) return false;
        byte[] expected = mac(secret, timestamp, body);
        boolean matched = false;
        for (String part : signatureHeader.split(",")) {
            String candidate = part.trim();
            if (!candidate.startsWith(SCHEME)) continue;
            byte[] given;
            try {
                given = HexFormat.of().parseHex(candidate.substring(SCHEME.length()));
            } catch (IllegalArgumentException e) {
                continue;
            }
            matched |= MessageDigest.isEqual(expected, given);
        }
        return matched;
    }

    private static byte[] mac(String secret, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestampSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

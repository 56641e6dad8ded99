package io.granary.iam;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Random identifiers and secrets in AWS's shapes: access key ids of 20 upper-case letters and
 * digits ({@code GK} + 18 for long-term keys, {@code ASIA} + 16 for temporary ones, as AWS marks
 * them), secrets of 40 letters and digits (about 238 bits), entity ids of a two-letter kind prefix
 * + 18, account ids of 12 digits and canonical ids of 64 hex digits.
 */
final class CredentialGenerator {
    private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String ALNUM = UPPER_ALNUM + "abcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private CredentialGenerator() {
    }

    static String accessKeyId() {
        return id("GK");
    }

    static String temporaryAccessKeyId() {
        return "ASIA" + random(UPPER_ALNUM, 16);
    }

    static String secretKey() {
        return random(ALNUM, 40);
    }

    /** {@code prefix} + 18 upper-case letters and digits: {@code GU} users, {@code GG} groups, ... */
    static String id(String prefix) {
        return prefix + random(UPPER_ALNUM, 18);
    }

    /** 12 decimal digits, not starting with 0 so that it never loses a digit as a number. */
    static String accountId() {
        return (1 + RANDOM.nextInt(9)) + random("0123456789", 11);
    }

    static String canonicalId() {
        return HexFormat.of().formatHex(randomBytes(32));
    }

    static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String random(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}

package io.granary.iam;

import java.security.SecureRandom;

/**
 * Random identifiers and secrets in AWS's shapes: access key ids of 20 upper-case letters and
 * digits ({@code GK} + 18), secrets of 40 letters and digits (about 238 bits), user ids
 * {@code GU} + 18.
 */
final class CredentialGenerator {
    private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String ALNUM = UPPER_ALNUM + "abcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private CredentialGenerator() {
    }

    static String accessKeyId() {
        return "GK" + random(UPPER_ALNUM, 18);
    }

    static String secretKey() {
        return random(ALNUM, 40);
    }

    static String userId() {
        return "GU" + random(UPPER_ALNUM, 18);
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

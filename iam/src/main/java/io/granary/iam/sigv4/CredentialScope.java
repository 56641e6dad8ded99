package io.granary.iam.sigv4;

/**
 * The {@code Credential} value of a SigV4 signature, {@code AKID/yyyyMMdd/region/service/aws4_request}, split
 * into its parts. {@link #scope()} is the credential scope line of the string to sign.
 */
public record CredentialScope(String accessKeyId, String date, String region, String service) {
    static final String TERMINAL = "aws4_request";

    /** The scope as it appears in the string to sign: {@code date/region/service/aws4_request}. */
    public String scope() {
        return date + '/' + region + '/' + service + '/' + TERMINAL;
    }

    /**
     * Parses a credential, reporting problems with {@code reason} and AWS's message prefixed by
     * {@code messagePrefix} (which differs between the Authorization header and the presigned query).
     */
    static CredentialScope parse(String credential, AuthException.Reason reason, String messagePrefix) {
        String[] parts = credential.split("/", -1);
        if (parts.length != 5 || parts[0].isEmpty() || parts[2].isEmpty() || parts[3].isEmpty()
                || !isDate(parts[1])) {
            throw new AuthException(reason, messagePrefix + "the Credential is mal-formed; expecting "
                    + "\"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
        }
        if (!TERMINAL.equals(parts[4])) {
            throw new AuthException(reason, messagePrefix + "incorrect terminal \"" + parts[4]
                    + "\". This endpoint uses \"" + TERMINAL + "\".");
        }
        return new CredentialScope(parts[0], parts[1], parts[2], parts[3]);
    }

    private static boolean isDate(String s) {
        if (s.length() != 8) return false;
        for (int i = 0; i < 8; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        }
        return true;
    }
}

package io.granary.iam.sigv4;

import java.util.Arrays;
import java.util.List;

/** Parses a {@code SignedHeaders} value: ';'-separated, non-empty, lower-case header names. */
final class SignedHeaderList {
    private SignedHeaderList() {
    }

    static List<String> parse(String value, AuthException.Reason reason, String messagePrefix) {
        String[] names = value.split(";", -1);
        for (String name : names) {
            if (name.isEmpty() || !name.equals(HeaderMap.lower(name)) || !isToken(name)) {
                throw new AuthException(reason, messagePrefix + "the SignedHeaders \"" + value + "\" are malformed.");
            }
        }
        return List.copyOf(Arrays.asList(names));
    }

    private static boolean isToken(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == ':' || c == ',') return false;
        }
        return true;
    }
}

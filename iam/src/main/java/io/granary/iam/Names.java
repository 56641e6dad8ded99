package io.granary.iam;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * IAM's syntax rules for names, paths and tags, checked before anything is stored; a violation is
 * {@code ValidationError} with IAM's wording.
 */
final class Names {
    static final Pattern USER = Pattern.compile("[\\w+=,.@-]{1,64}");
    static final Pattern GROUP = Pattern.compile("[\\w+=,.@-]{1,128}");
    static final Pattern ROLE = Pattern.compile("[\\w+=,.@-]{1,64}");
    static final Pattern POLICY = Pattern.compile("[\\w+=,.@-]{1,128}");
    static final Pattern ACCOUNT = Pattern.compile("[\\w+=,.@-]{1,64}");
    static final Pattern SESSION = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final Pattern PATH = Pattern.compile("/|/[\\u0021-\\u007E]*/");
    private static final int MAX_PATH = 512;
    private static final Pattern TAG_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}");
    private static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}");
    static final int MAX_TAGS = 50;

    private Names() {
    }

    static String require(Pattern syntax, String value, String what) {
        if (value == null || !syntax.matcher(value).matches()) {
            throw IamException.validation("The specified value for " + what + " is invalid: "
                    + (value == null ? "it is missing" : value) + ". It must match " + syntax.pattern() + ".");
        }
        return value;
    }

    /** The path, {@code /} when null. */
    static String path(String path) {
        if (path == null) return "/";
        if (path.length() > MAX_PATH || !PATH.matcher(path).matches()) {
            throw IamException.validation("The specified value for path is invalid. It must begin and end with /"
                    + " and contain only printable ASCII characters.");
        }
        return path;
    }

    /** A path prefix for listing, {@code /} when null. */
    static String pathPrefix(String prefix) {
        if (prefix == null) return "/";
        if (prefix.isEmpty() || prefix.charAt(0) != '/' || prefix.length() > MAX_PATH) {
            throw IamException.validation("The specified value for pathPrefix is invalid. It must begin with /.");
        }
        return prefix;
    }

    static void tags(Map<String, String> tags) {
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            require(TAG_KEY, tag.getKey(), "tagKey");
            if (tag.getValue() == null || !TAG_VALUE.matcher(tag.getValue()).matches()) {
                throw IamException.validation("The specified value for tagValue is invalid: " + tag.getValue());
            }
            if (tag.getKey().regionMatches(true, 0, "aws:", 0, 4)) {
                throw new IamException(IamException.Reason.INVALID_INPUT, "Tag keys starting with aws: are reserved.");
            }
        }
    }
}

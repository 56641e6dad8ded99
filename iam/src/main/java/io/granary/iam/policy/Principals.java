package io.granary.iam.policy;

import java.util.List;

/**
 * The {@code Principal} (or negated {@code NotPrincipal}) of a bucket-policy statement, reduced to
 * a list of AWS principal strings. {@code "*"} is everyone including anonymous callers;
 * {@code arn:aws:iam::ACCOUNT:user/NAME} (any account, Granary has one) a user by name;
 * {@code arn:aws:iam::ACCOUNT:root} the root principal; a bare string a user by id.
 */
public record Principals(List<String> aws, boolean negated) {
    static final String USER_ARN_PREFIX = "arn:aws:iam::";

    public Principals {
        aws = List.copyOf(aws);
    }

    boolean matches(RequestPrincipal principal) {
        for (String entry : aws) {
            if (matchesOne(entry, principal)) return !negated;
        }
        return negated;
    }

    private static boolean matchesOne(String entry, RequestPrincipal principal) {
        if (entry.equals("*")) return true;
        if (principal instanceof RequestPrincipal.Root) {
            return entry.startsWith(USER_ARN_PREFIX) && entry.endsWith(":root");
        }
        if (principal instanceof RequestPrincipal.User user) {
            if (entry.startsWith(USER_ARN_PREFIX)) return entry.endsWith(":user/" + user.userName());
            return entry.equals(user.userId());
        }
        return false;
    }

    /** Whether {@code entry} is a principal string Granary understands. */
    static boolean isValid(String entry) {
        if (entry.equals("*")) return true;
        if (entry.startsWith(USER_ARN_PREFIX)) {
            String rest = entry.substring(USER_ARN_PREFIX.length());
            int colon = rest.indexOf(':');
            if (colon < 0) return false;
            String resource = rest.substring(colon + 1);
            return resource.equals("root") || (resource.startsWith("user/") && resource.length() > "user/".length());
        }
        return !entry.isEmpty() && entry.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128);
    }
}

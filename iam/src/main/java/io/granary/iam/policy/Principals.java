package io.granary.iam.policy;

import java.util.List;

/**
 * The {@code Principal} (or negated {@code NotPrincipal}) of a bucket-policy statement, reduced to
 * a list of AWS principal strings. {@code "*"} is everyone including anonymous callers;
 * {@code arn:aws:iam::ACCOUNT:user/NAME} (any account id: Granary has one account) is a user by
 * name; a bare string is a user by id. The account itself ({@code arn:aws:iam::ACCOUNT:root} or a
 * bare 12-digit account id) is, as in AWS, the root principal when it allows, and everyone in the
 * account (root and every user) when it denies, so a Deny naming the account cannot be escaped by
 * its users.
 */
public record Principals(List<String> aws, boolean negated) {
    static final String IAM_ARN_PREFIX = "arn:aws:iam::";

    public Principals {
        aws = List.copyOf(aws);
    }

    boolean matches(RequestPrincipal principal, Effect effect) {
        for (String entry : aws) {
            if (matchesOne(entry, principal, effect)) return !negated;
        }
        return negated;
    }

    private static boolean matchesOne(String entry, RequestPrincipal principal, Effect effect) {
        if (entry.equals("*")) return true;
        if (principal instanceof RequestPrincipal.Anonymous) return false;
        if (isAccount(entry)) return principal instanceof RequestPrincipal.Root || effect == Effect.DENY;
        if (principal instanceof RequestPrincipal.User user) {
            if (entry.startsWith(IAM_ARN_PREFIX)) return entry.endsWith(":user/" + user.userName());
            return entry.equals(user.userId());
        }
        return false;
    }

    private static boolean isAccount(String entry) {
        if (entry.startsWith(IAM_ARN_PREFIX)) return entry.endsWith(":root");
        return entry.length() == 12 && entry.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** Whether {@code entry} is a principal string Granary understands. */
    static boolean isValid(String entry) {
        if (entry.equals("*")) return true;
        if (entry.startsWith(IAM_ARN_PREFIX)) {
            String rest = entry.substring(IAM_ARN_PREFIX.length());
            int colon = rest.indexOf(':');
            if (colon < 0) return false;
            String resource = rest.substring(colon + 1);
            return resource.equals("root") || (resource.startsWith("user/") && resource.length() > "user/".length());
        }
        return !entry.isEmpty() && entry.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128);
    }
}

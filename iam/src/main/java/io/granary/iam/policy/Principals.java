package io.granary.iam.policy;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code Principal} (or negated {@code NotPrincipal}) of a bucket-policy or trust-policy
 * statement, reduced to a list of AWS principal strings:
 * <ul>
 * <li>{@code *}: everyone, anonymous callers included;</li>
 * <li>an account, {@code arn:aws:iam::A:root} or bare {@code A}: as on AWS, naming another account
 *     delegates to it (any of its principals, whose own policies must then allow), while naming the
 *     resource's own account means its root only when allowing, and everyone in it when denying,
 *     so that a Deny naming the account cannot be escaped by its users;</li>
 * <li>{@code arn:aws:iam::A:user/path/NAME}: that user;</li>
 * <li>{@code arn:aws:iam::A:role/path/NAME}: every session of that role;</li>
 * <li>{@code arn:aws:sts::A:assumed-role/ROLE/SESSION}: that one session;</li>
 * <li>a bare unique id: the user or role with that id.</li>
 * </ul>
 */
public record Principals(List<String> aws, boolean negated) {
    static final String IAM_ARN_PREFIX = "arn:aws:iam::";
    static final String STS_ARN_PREFIX = "arn:aws:sts::";
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern IAM_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):(root|(user|role)(/.+)?/[^/]+)");
    private static final Pattern STS_ARN = Pattern.compile("arn:aws:sts::\\d{12}:assumed-role/[^/]+/[^/]+");

    public Principals {
        aws = List.copyOf(aws);
    }

    boolean matches(RequestPrincipal principal, Effect effect, String resourceAccountId) {
        for (String entry : aws) {
            if (matchesOne(entry, principal, effect, resourceAccountId)) return !negated;
        }
        return negated;
    }

    private static boolean matchesOne(String entry, RequestPrincipal principal, Effect effect,
            String resourceAccountId) {
        if (entry.equals("*")) return true;
        if (principal instanceof RequestPrincipal.Anonymous) return false;
        String account = account(entry);
        if (account != null) {
            return account.equals(principal.accountId()) && (principal instanceof RequestPrincipal.AccountRoot
                    || effect == Effect.DENY || !account.equals(resourceAccountId));
        }
        if (entry.startsWith(STS_ARN_PREFIX)) return entry.equals(principal.arn());
        if (principal instanceof RequestPrincipal.User user) {
            return entry.startsWith(IAM_ARN_PREFIX) ? entry.equals(user.arn()) : entry.equals(user.userId());
        }
        if (principal instanceof RequestPrincipal.AssumedRole role) {
            if (!entry.startsWith(IAM_ARN_PREFIX)) return entry.equals(role.roleId());
            String rolePrefix = IAM_ARN_PREFIX + role.accountId() + ":role/";
            return entry.startsWith(rolePrefix) && entry.endsWith("/" + role.roleName());
        }
        return false;
    }

    /** The account id an entry names as a whole account, or null. */
    private static String account(String entry) {
        if (ACCOUNT_ID.matcher(entry).matches()) return entry;
        if (entry.startsWith(IAM_ARN_PREFIX) && entry.endsWith(":root")) {
            return entry.substring(IAM_ARN_PREFIX.length(), entry.length() - ":root".length());
        }
        return null;
    }

    /** Whether {@code entry} is a principal string Granary understands. */
    static boolean isValid(String entry) {
        if (entry.equals("*") || ACCOUNT_ID.matcher(entry).matches()) return true;
        if (entry.startsWith(IAM_ARN_PREFIX)) return IAM_ARN.matcher(entry).matches();
        if (entry.startsWith(STS_ARN_PREFIX)) return STS_ARN.matcher(entry).matches();
        return !entry.isEmpty() && entry.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128);
    }
}

package io.granary.iam.policy;

import java.util.List;

/**
 * The wildcard patterns of an {@code Action}/{@code Resource} element, or of its negated form
 * ({@code NotAction}/{@code NotResource}), which matches everything the patterns do not.
 */
public record Patterns(List<String> patterns, boolean negated) {

    public Patterns {
        patterns = List.copyOf(patterns);
    }

    boolean matches(String value, boolean ignoreCase) {
        for (String pattern : patterns) {
            if (Wildcard.matches(pattern, value, ignoreCase)) return !negated;
        }
        return negated;
    }
}

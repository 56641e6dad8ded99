package io.granary.iam.policy;

/**
 * Glob matching as IAM does it: {@code *} matches any run of characters (also none), {@code ?}
 * exactly one. Greedy with a single resume point (the last star), so a match takes at most
 * |pattern| x |text| steps and never backtracks exponentially the way a regex built from a user's
 * pattern could; no regex is ever compiled from policy text.
 */
final class Wildcard {
    private Wildcard() {
    }

    static boolean matches(String pattern, String text, boolean ignoreCase) {
        int p = 0;
        int t = 0;
        int starP = -1;
        int starT = -1;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                starP = p++;
                starT = t;
            } else if (p < pattern.length() && sameChar(pattern.charAt(p), text.charAt(t), ignoreCase)) {
                p++;
                t++;
            } else if (starP >= 0) {
                p = starP + 1;
                t = ++starT;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private static boolean sameChar(char patternChar, char textChar, boolean ignoreCase) {
        if (patternChar == '?' || patternChar == textChar) return true;
        return ignoreCase && Character.toLowerCase(patternChar) == Character.toLowerCase(textChar);
    }
}

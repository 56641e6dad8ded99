package io.granary.iam.policy;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * The condition operators Granary evaluates. A positive operator holds when the request's value
 * matches any of the policy's values; its negated twin ({@code StringNotEquals},
 * {@code NotIpAddress}, ...) holds when it matches none, and so also when the key is absent
 * (AWS: "IAM JSON policy elements: Condition operators"). Policy values are validated when the
 * policy is parsed, so a malformed CIDR or number is a {@link MalformedPolicyException}, not a
 * silent mismatch.
 */
public enum ConditionOperator {
    STRING_EQUALS("StringEquals", false, String::equals, v -> true),
    STRING_NOT_EQUALS("StringNotEquals", true, String::equals, v -> true),
    STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", false, String::equalsIgnoreCase, v -> true),
    STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", true, String::equalsIgnoreCase, v -> true),
    STRING_LIKE("StringLike", false, (actual, pattern) -> Wildcard.matches(pattern, actual, false), v -> true),
    STRING_NOT_LIKE("StringNotLike", true, (actual, pattern) -> Wildcard.matches(pattern, actual, false),
            v -> true),
    NUMERIC_EQUALS("NumericEquals", false, numeric(c -> c == 0), ConditionOperator::isNumber),
    NUMERIC_NOT_EQUALS("NumericNotEquals", true, numeric(c -> c == 0), ConditionOperator::isNumber),
    NUMERIC_LESS_THAN("NumericLessThan", false, numeric(c -> c < 0), ConditionOperator::isNumber),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", false, numeric(c -> c <= 0), ConditionOperator::isNumber),
    NUMERIC_GREATER_THAN("NumericGreaterThan", false, numeric(c -> c > 0), ConditionOperator::isNumber),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", false, numeric(c -> c >= 0),
            ConditionOperator::isNumber),
    BOOL("Bool", false, String::equalsIgnoreCase, ConditionOperator::isBoolean),
    IP_ADDRESS("IpAddress", false, ConditionOperator::inRange, v -> IpAddressRange.parse(v).isPresent()),
    NOT_IP_ADDRESS("NotIpAddress", true, ConditionOperator::inRange, v -> IpAddressRange.parse(v).isPresent()),
    /** {@code "Null": {"key": "true"}} holds when the key is absent, {@code "false"} when present. */
    NULL("Null", false, (actual, expected) -> false, ConditionOperator::isBoolean);

    private final String jsonName;
    private final boolean negated;
    private final BiPredicate<String, String> valueMatches;
    private final Predicate<String> validValue;

    ConditionOperator(String jsonName, boolean negated, BiPredicate<String, String> valueMatches,
            Predicate<String> validValue) {
        this.jsonName = jsonName;
        this.negated = negated;
        this.valueMatches = valueMatches;
        this.validValue = validValue;
    }

    public String jsonName() {
        return jsonName;
    }

    /** The operator spelled {@code name} in a policy (exact case, as AWS requires). */
    static Optional<ConditionOperator> fromJsonName(String name) {
        for (ConditionOperator operator : values()) {
            if (operator.jsonName.equals(name)) return Optional.of(operator);
        }
        return Optional.empty();
    }

    boolean isValidValue(String policyValue) {
        return validValue.test(policyValue);
    }

    /**
     * Whether the condition holds for the request's value of the key ({@code null} when the
     * request has no such key).
     */
    boolean holds(String actual, Iterable<String> policyValues, boolean ifExists) {
        if (this == NULL) {
            String expectAbsent = policyValues.iterator().next();
            return Boolean.parseBoolean(expectAbsent.toLowerCase(Locale.ROOT)) == (actual == null);
        }
        if (actual == null) return ifExists || negated;
        for (String policyValue : policyValues) {
            if (valueMatches.test(actual, policyValue)) return !negated;
        }
        return negated;
    }

    private static BiPredicate<String, String> numeric(Predicate<Integer> comparison) {
        return (actual, policyValue) -> {
            try {
                return comparison.test(new BigDecimal(actual).compareTo(new BigDecimal(policyValue)));
            } catch (NumberFormatException e) {
                return false;
            }
        };
    }

    private static boolean isNumber(String value) {
        try {
            new BigDecimal(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isBoolean(String value) {
        return "true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value);
    }

    private static boolean inRange(String actual, String cidr) {
        return IpAddressRange.parse(cidr).map(range -> range.contains(actual)).orElse(false);
    }
}

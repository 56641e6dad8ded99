package io.granary.iam.policy;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One (operator, key, values) triple of a statement's {@code Condition} block. A statement's
 * conditions must all hold; within one condition any value may match. Keys are compared
 * case-insensitively, as AWS does.
 *
 * @param key the condition key in lower case, e.g. {@code aws:sourceip}
 * @param ifExists whether the operator carried the {@code IfExists} suffix (an absent key holds)
 */
public record Condition(ConditionOperator operator, boolean ifExists, String key, List<String> values) {

    public Condition {
        key = key.toLowerCase(Locale.ROOT);
        values = List.copyOf(values);
    }

    /** Whether it holds for the request's condition keys (lower-case names to values). */
    boolean holds(Map<String, String> requestKeys) {
        return operator.holds(requestKeys.get(key), values, ifExists);
    }
}

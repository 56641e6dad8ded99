package io.granary.iam;

import java.util.List;
import java.util.SortedMap;

/**
 * What users, groups and roles share: managed policies attached by ARN and inline policies by name,
 * so attaching, detaching and the inline-policy calls are written once for all three.
 */
public sealed interface PolicyHolder permits User, Group, Role {

    String accountId();

    String name();

    /** {@code /} or {@code /a/b/}. */
    String path();

    /** Stable unique id, the record's key in the store. */
    String id();

    List<String> attachedPolicies();

    /** Inline policy documents by policy name. */
    SortedMap<String, String> inlinePolicies();

    PolicyHolder withPolicies(List<String> attached, SortedMap<String, String> inline);
}

package io.granary.iam.policy;

import java.util.List;

/**
 * One statement of a policy. A statement applies to a request when its principal (bucket policies
 * only), action, resource and every condition match; it then allows or explicitly denies.
 *
 * @param sid the optional {@code Sid}, or null
 * @param principals who it applies to; null in identity policies, where the attached identity is meant
 * @param resources what it applies to; null in trust policies, which apply to their role
 */
public record Statement(String sid, Effect effect, Principals principals, Patterns actions, Patterns resources,
        List<Condition> conditions) {

    public Statement {
        conditions = List.copyOf(conditions);
    }

    /**
     * Whether the statement applies; actions compare case-insensitively, resources exactly.
     *
     * @param resourceAccountId the account owning the resource, which decides what naming an account means
     */
    boolean appliesTo(RequestContext request, String resourceAccountId) {
        if (principals != null && !principals.matches(request.principal(), effect, resourceAccountId)) return false;
        if (!actions.matches(request.action(), true)) return false;
        if (resources != null && !resources.matches(request.resource(), false)) return false;
        for (Condition condition : conditions) {
            if (!condition.holds(request.conditionKeys())) return false;
        }
        return true;
    }
}

package io.granary.iam;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.granary.iam.policy.Policy;
import io.granary.iam.policy.RequestPrincipal;
import java.util.ArrayList;
import java.util.List;

/**
 * The parsed identity policies that apply to a principal: a user's own inline and attached
 * policies and those of its groups; an assumed role's inline and attached policies; none for an
 * account root or an anonymous caller. Served from a bounded cache keyed by the principal and the
 * directory generation, so a request costs one cache lookup and any IAM change is seen at once.
 */
final class EffectivePolicies {
    private static final int PRINCIPALS_KEPT = 10_000;

    private record Key(long generation, RequestPrincipal principal) {
    }

    private final Directory dir;
    private final Entities entities;
    private final PolicyDocuments documents;
    private final Cache<Key, List<Policy>> cache = Caffeine.newBuilder().maximumSize(PRINCIPALS_KEPT).build();

    EffectivePolicies(Directory dir, PolicyDocuments documents) {
        this.dir = dir;
        this.entities = new Entities(dir);
        this.documents = documents;
    }

    List<Policy> of(RequestPrincipal principal) {
        if (!(principal instanceof RequestPrincipal.User) && !(principal instanceof RequestPrincipal.AssumedRole)) {
            return List.of();
        }
        return cache.get(new Key(dir.generation(), principal), key -> compute(key.principal()));
    }

    private List<Policy> compute(RequestPrincipal principal) {
        List<PolicyHolder> holders = new ArrayList<>();
        if (principal instanceof RequestPrincipal.User user) {
            dir.users.get(user.userId()).filter(u -> u.accountId().equals(user.accountId())).ifPresent(u -> {
                holders.add(u);
                dir.groups.stream().filter(g -> g.members().contains(u.userId())).forEach(holders::add);
            });
        } else if (principal instanceof RequestPrincipal.AssumedRole role) {
            dir.roles.get(role.roleId()).filter(r -> r.accountId().equals(role.accountId())).ifPresent(holders::add);
        }
        List<Policy> policies = new ArrayList<>();
        for (PolicyHolder holder : holders) {
            holder.inlinePolicies().values().forEach(document -> policies.add(documents.identity(document)));
            for (String arn : holder.attachedPolicies()) {
                entities.findPolicy(arn).ifPresent(p -> policies.add(documents.identity(p.defaultDocument())));
            }
        }
        return List.copyOf(policies);
    }
}

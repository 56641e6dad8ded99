package io.granary.iam;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finding entities of one account in the {@link Directory} by name, as IAM does: names are unique
 * per account regardless of case, and a missing one is {@code NoSuchEntity} in IAM's wording.
 */
final class Entities {
    private final Directory dir;

    Entities(Directory dir) {
        this.dir = dir;
    }

    Account account(String accountId) {
        return dir.accounts.get(accountId).orElseThrow(() -> IamException.noSuchEntity(
                "The account " + accountId + " does not exist."));
    }

    Optional<User> findUser(String accountId, String name) {
        return named(dir.users.stream(), accountId, name).findFirst();
    }

    User user(String accountId, String name) {
        return require(findUser(accountId, name), EntityType.USER, name);
    }

    Optional<Group> findGroup(String accountId, String name) {
        return named(dir.groups.stream(), accountId, name).findFirst();
    }

    Group group(String accountId, String name) {
        return require(findGroup(accountId, name), EntityType.GROUP, name);
    }

    Optional<Role> findRole(String accountId, String name) {
        return named(dir.roles.stream(), accountId, name).findFirst();
    }

    Role role(String accountId, String name) {
        return require(findRole(accountId, name), EntityType.ROLE, name);
    }

    PolicyHolder holder(EntityType type, String accountId, String name) {
        return switch (type) {
            case USER -> user(accountId, name);
            case GROUP -> group(accountId, name);
            case ROLE -> role(accountId, name);
        };
    }

    Optional<ManagedPolicy> findPolicy(String arn) {
        return dir.policies.stream().filter(p -> p.arn().equals(arn)).findFirst();
    }

    /** A managed policy of {@code accountId} by ARN; another account's is as missing as a wrong ARN. */
    ManagedPolicy policy(String accountId, String arn) {
        return findPolicy(arn).filter(p -> p.accountId().equals(accountId)).orElseThrow(() ->
                IamException.noSuchEntity("Policy " + arn + " does not exist or is not attachable."));
    }

    /** The entities of one account under a path prefix, by name. */
    static <T extends PolicyHolder> List<T> list(Stream<T> all, String accountId, String pathPrefix) {
        String prefix = Names.pathPrefix(pathPrefix);
        return all.filter(e -> e.accountId().equals(accountId) && e.path().startsWith(prefix))
                .sorted(Comparator.comparing(PolicyHolder::name)).toList();
    }

    private static <T> T require(Optional<T> found, EntityType type, String name) {
        return found.orElseThrow(() -> IamException.noSuchEntity("The " + type.noun() + " with name " + name
                + " cannot be found."));
    }

    private static <T extends PolicyHolder> Stream<T> named(Stream<T> all, String accountId, String name) {
        return all.filter(e -> e.accountId().equals(accountId) && e.name().equalsIgnoreCase(name));
    }
}

package io.granary.iam;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** IAM users of an account: create, read, list, rename or move, delete once detached, and tags. */
final class UserAdmin {
    private final Directory dir;
    private final Entities entities;
    private final AccessKeyAdmin keys;
    private final Clock clock;

    UserAdmin(Directory dir, AccessKeyAdmin keys, Clock clock) {
        this.dir = dir;
        this.entities = new Entities(dir);
        this.keys = keys;
        this.clock = clock;
    }

    User create(String accountId, String name, String path, Map<String, String> tags) {
        entities.account(accountId);
        Names.require(Names.USER, name, "userName");
        String checkedPath = Names.path(path);
        Map<String, String> checkedTags = tags == null ? Map.of() : tags;
        Names.tags(checkedTags);
        if (checkedTags.size() > Names.MAX_TAGS) throw tooManyTags();
        requireFree(accountId, name);
        String userId = dir.users.newId(() -> CredentialGenerator.id("GU"));
        User user = new User(User.FORMAT_VERSION, accountId, userId, name, checkedPath, clock.millis(), List.of(),
                null, new TreeMap<>(checkedTags));
        dir.commit(new Directory.Change().put(dir.users, user));
        return user;
    }

    List<User> list(String accountId, String pathPrefix) {
        return Entities.list(dir.users.stream(), accountId, pathPrefix);
    }

    /** IAM UpdateUser: a new name and/or path; null leaves it as it is. */
    User update(String accountId, String name, String newName, String newPath) {
        User user = entities.user(accountId, name);
        String targetName = newName == null ? user.name() : Names.require(Names.USER, newName, "newUserName");
        String targetPath = newPath == null ? user.path() : Names.path(newPath);
        if (!targetName.equalsIgnoreCase(user.name())) requireFree(accountId, targetName);
        User updated = user.withNameAndPath(targetName, targetPath);
        dir.commit(new Directory.Change().put(dir.users, updated));
        return updated;
    }

    /**
     * Deletes a user that has no access keys, policies or group memberships left, as IAM requires
     * (DeleteConflict otherwise).
     */
    void delete(String accountId, String name) {
        User user = entities.user(accountId, name);
        if (!keys.keysOf(user).isEmpty()) throw IamException.cannotDelete("must delete access keys first.");
        if (!user.attachedPolicies().isEmpty()) throw IamException.cannotDelete("must detach all policies first.");
        if (!user.inlinePolicies().isEmpty()) throw IamException.cannotDelete("must delete policies first.");
        if (dir.groups.stream().anyMatch(g -> g.members().contains(user.userId()))) {
            throw IamException.cannotDelete("must remove users from group first.");
        }
        dir.commit(new Directory.Change().delete(dir.users, user));
    }

    void tag(String accountId, String name, Map<String, String> tags) {
        User user = entities.user(accountId, name);
        Names.tags(tags);
        SortedMap<String, String> merged = new TreeMap<>(user.tags());
        merged.putAll(tags);
        if (merged.size() > Names.MAX_TAGS) throw tooManyTags();
        dir.commit(new Directory.Change().put(dir.users, user.withTags(merged)));
    }

    void untag(String accountId, String name, Collection<String> tagKeys) {
        User user = entities.user(accountId, name);
        SortedMap<String, String> remaining = new TreeMap<>(user.tags());
        tagKeys.forEach(remaining::remove);
        dir.commit(new Directory.Change().put(dir.users, user.withTags(remaining)));
    }

    private void requireFree(String accountId, String name) {
        if (entities.findUser(accountId, name).isPresent()) {
            throw new IamException(IamException.Reason.ENTITY_ALREADY_EXISTS, "User with name " + name
                    + " already exists.");
        }
    }

    private static IamException tooManyTags() {
        return new IamException(IamException.Reason.LIMIT_EXCEEDED, "A user can have at most " + Names.MAX_TAGS
                + " tags.");
    }
}

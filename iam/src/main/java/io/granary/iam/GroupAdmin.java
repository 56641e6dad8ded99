package io.granary.iam;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Groups of users; membership is kept on the group, and a user's groups' policies apply to it. */
final class GroupAdmin {
    private final Directory dir;
    private final Entities entities;
    private final Clock clock;

    GroupAdmin(Directory dir, Clock clock) {
        this.dir = dir;
        this.entities = new Entities(dir);
        this.clock = clock;
    }

    Group create(String accountId, String name, String path) {
        entities.account(accountId);
        Names.require(Names.GROUP, name, "groupName");
        String checkedPath = Names.path(path);
        if (entities.findGroup(accountId, name).isPresent()) {
            throw new IamException(IamException.Reason.ENTITY_ALREADY_EXISTS, "Group with name " + name
                    + " already exists.");
        }
        String groupId = dir.groups.newId(() -> CredentialGenerator.id("GG"));
        Group group = new Group(Group.FORMAT_VERSION, accountId, groupId, name, checkedPath, clock.millis(), List.of(),
                List.of(), null);
        dir.commit(new Directory.Change().put(dir.groups, group));
        return group;
    }

    GroupMembers get(String accountId, String name) {
        Group group = entities.group(accountId, name);
        List<User> users = group.members().stream().flatMap(id -> dir.users.get(id).stream())
                .sorted(Comparator.comparing(User::name)).toList();
        return new GroupMembers(group, users);
    }

    List<Group> list(String accountId, String pathPrefix) {
        return Entities.list(dir.groups.stream(), accountId, pathPrefix);
    }

    /** Adds a user of the same account; adding a member again changes nothing, as IAM. */
    void addUser(String accountId, String groupName, String userName) {
        Group group = entities.group(accountId, groupName);
        User user = entities.user(accountId, userName);
        if (group.members().contains(user.userId())) return;
        List<String> members = new ArrayList<>(group.members());
        members.add(user.userId());
        dir.commit(new Directory.Change().put(dir.groups, group.withMembers(members)));
    }

    void removeUser(String accountId, String groupName, String userName) {
        Group group = entities.group(accountId, groupName);
        User user = entities.user(accountId, userName);
        if (!group.members().contains(user.userId())) {
            throw IamException.noSuchEntity("The user with name " + userName + " is not in group " + groupName + ".");
        }
        List<String> members = new ArrayList<>(group.members());
        members.remove(user.userId());
        dir.commit(new Directory.Change().put(dir.groups, group.withMembers(members)));
    }

    List<Group> forUser(String accountId, String userName) {
        return groupsOf(entities.user(accountId, userName));
    }

    /** The groups a user is a member of, by name. */
    List<Group> groupsOf(User user) {
        return dir.groups.stream().filter(g -> g.members().contains(user.userId()))
                .sorted(Comparator.comparing(Group::name)).toList();
    }

    /** Deletes a group without members and policies, as IAM requires (DeleteConflict otherwise). */
    void delete(String accountId, String name) {
        Group group = entities.group(accountId, name);
        if (!group.members().isEmpty()) throw IamException.cannotDelete("must remove users from group first.");
        if (!group.attachedPolicies().isEmpty()) throw IamException.cannotDelete("must detach all policies first.");
        if (!group.inlinePolicies().isEmpty()) throw IamException.cannotDelete("must delete policies first.");
        dir.commit(new Directory.Change().delete(dir.groups, group));
    }
}

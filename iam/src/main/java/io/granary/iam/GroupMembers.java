package io.granary.iam;

import java.util.List;

/** A group with its member users, by name (IAM GetGroup). */
public record GroupMembers(Group group, List<User> users) {
    public GroupMembers {
        users = List.copyOf(users);
    }
}
